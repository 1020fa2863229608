package dev.tierdeck.notification;

import dev.tierdeck.promotion.ApprovalDecided;
import dev.tierdeck.promotion.ApprovalRequested;
import dev.tierdeck.verification.PromotionCheck;
import dev.tierdeck.verification.UnexpectedDenials;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the events of other modules into notices in the outbox. Listeners run synchronously in the publisher's
 * transaction, so the delivery rows commit or roll back with the change. One method per event class: a new kind of
 * event is one more method here and one more {@link EventType}.
 */
@Component
class NotificationListener {

    private final Outbox outbox;

    NotificationListener(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(ApprovalRequested e) {
        outbox.enqueue(Notice.of(
                EventType.APPROVAL_REQUESTED,
                e.at(),
                e.requestedBy() + " asks an approver for the " + e.change() + " of " + e.policy() + " (request "
                        + e.requestId() + "): " + e.reasons(),
                e.page(),
                details(e.requestId(), e.policy(), e.namespace(), e.tier(), "requestedBy", e.requestedBy())));
    }

    @EventListener
    void on(ApprovalDecided e) {
        Map<String, Object> details =
                details(e.requestId(), e.policy(), e.namespace(), e.tier(), "requestedBy", e.requestedBy());
        details.put("decidedBy", e.decidedBy());
        details.put("comment", e.comment());
        outbox.enqueue(Notice.of(
                e.granted() ? EventType.APPROVAL_GRANTED : EventType.APPROVAL_REJECTED,
                e.at(),
                e.decidedBy() + (e.granted() ? " approved" : " rejected") + " the " + e.change() + " of " + e.policy()
                        + " (request " + e.requestId() + ")" + (e.comment() == null ? "." : ": " + e.comment()),
                e.page(),
                details));
    }

    @EventListener
    void on(UnexpectedDenials e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("policy", e.policy());
        details.put("namespace", e.namespace());
        details.put("tier", e.tier());
        details.put("version", e.version());
        details.put("promotedBy", e.promotedBy());
        details.put("approvedBy", e.approvedBy());
        details.put("unexpected", e.unexpectedCount());
        details.put(
                "examples",
                e.examples().stream().map(PromotionCheck.Flow::words).toList());
        outbox.enqueue(Notice.of(
                EventType.UNEXPECTED_DENIALS,
                e.at(),
                "Version " + e.version() + " of " + e.policy() + " (promoted by " + e.promotedBy()
                        + (e.approvedBy() == null ? "" : ", approved by " + e.approvedBy()) + ") denies "
                        + e.unexpectedCount() + " flow" + (e.unexpectedCount() == 1 ? "" : "s")
                        + " its prediction did not name, such as "
                        + e.examples().stream()
                                .findFirst()
                                .map(PromotionCheck.Flow::words)
                                .orElse("?")
                        + ". Roll it back from the policy page if they should pass.",
                e.page(),
                details));
    }

    private static Map<String, Object> details(
            long request,
            String policy,
            @org.jspecify.annotations.Nullable String namespace,
            String tier,
            String key,
            String value) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("request", request);
        d.put("policy", policy);
        d.put("namespace", namespace);
        d.put("tier", tier);
        d.put(key, value);
        return d;
    }
}
