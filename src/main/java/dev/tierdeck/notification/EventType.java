package dev.tierdeck.notification;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can be told about; the id is what the API, the form and the delivery's header carry. */
enum EventType {
    APPROVAL_REQUESTED("approval.requested", "A change waits for an approver"),
    APPROVAL_GRANTED("approval.granted", "An approver accepted a change"),
    APPROVAL_REJECTED("approval.rejected", "An approver rejected a change"),
    UNEXPECTED_DENIALS("promotion.unexpected-denials", "A promoted policy denies flows its prediction did not"),
    DRIFT_DETECTED("drift.detected", "A policy changed in the cluster outside Tierdeck"),
    ASSERTION_VIOLATED("assertion.violated", "A connectivity assertion is violated"),
    EXCEPTION_GRANTED("exception.granted", "A policy exception was granted"),
    EXCEPTION_EXPIRING("exception.expiring", "A policy exception expires soon"),
    EXCEPTION_EXPIRED("exception.expired", "A policy exception expired");

    private final String id;
    private final String words;

    EventType(String id, String words) {
        this.id = id;
        this.words = words;
    }

    public String id() {
        return id;
    }

    public String words() {
        return words;
    }

    static Optional<EventType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
