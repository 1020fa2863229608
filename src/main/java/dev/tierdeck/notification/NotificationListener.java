package dev.tierdeck.notification;

import dev.tierdeck.assertion.AssertionViolated;
import dev.tierdeck.exception.ExceptionExpired;
import dev.tierdeck.exception.ExceptionExpiring;
import dev.tierdeck.exception.ExceptionGranted;
import dev.tierdeck.promotion.ApprovalDecided;
import dev.tierdeck.promotion.ApprovalRequested;
import dev.tierdeck.verification.PromotionCheck;
import dev.tierdeck.verification.UnexpectedDenials;
import java.time.Instant;
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

    @EventListener
    void on(AssertionViolated e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assertion", e.assertionId());
        details.put("name", e.name());
        details.put("namespace", e.namespace());
        details.put("source", e.source().name().toLowerCase(java.util.Locale.ROOT));
        details.put("where", e.where());
        outbox.enqueue(Notice.of(
                EventType.ASSERTION_VIOLATED,
                e.at(),
                "The assertion " + e.name() + (e.namespace() == null ? "" : " of " + e.namespace()) + " is violated "
                        + (e.source() == AssertionViolated.Source.CLUSTER
                                ? "by the policies in force"
                                : "by an observed flow")
                        + ": " + e.where(),
                "/assertions",
                details));
    }

    @EventListener
    void on(ExceptionGranted e) {
        outbox.enqueue(Notice.of(
                EventType.EXCEPTION_GRANTED,
                Instant.now(),
                e.approver() + " granted exception " + e.id() + " in tier " + e.tier() + " to " + e.requester()
                        + " for " + e.flow() + ", until " + e.expiresAt() + ".",
                "/exceptions/" + e.id(),
                exception(e.id(), e.namespace(), e.tier(), e.requester(), e.approver(), e.flow(), e.expiresAt())));
    }

    @EventListener
    void on(ExceptionExpiring e) {
        outbox.enqueue(Notice.of(
                EventType.EXCEPTION_EXPIRING,
                Instant.now(),
                "Exception " + e.id() + " in tier " + e.tier() + " for " + e.flow() + " expires at " + e.expiresAt()
                        + "; renewing it is a new request.",
                "/exceptions/" + e.id(),
                exception(e.id(), e.namespace(), e.tier(), e.requester(), e.approver(), e.flow(), e.expiresAt())));
    }

    @EventListener
    void on(ExceptionExpired e) {
        Map<String, Object> details =
                exception(e.id(), e.namespace(), e.tier(), e.requester(), e.approver(), e.flow(), null);
        details.put("state", e.state());
        details.put("removedAt", e.removedAt().toString());
        outbox.enqueue(Notice.of(
                EventType.EXCEPTION_EXPIRED,
                e.removedAt(),
                "Exception " + e.id() + " in tier " + e.tier() + " for " + e.flow() + " ended (" + e.state()
                        + "); its policy is removed from the cluster.",
                "/exceptions/" + e.id(),
                details));
    }

    private static Map<String, Object> exception(
            long id,
            String namespace,
            String tier,
            String requester,
            String approver,
            String flow,
            @org.jspecify.annotations.Nullable Instant expiresAt) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("exception", id);
        d.put("namespace", namespace);
        d.put("tier", tier);
        d.put("requester", requester);
        d.put("approver", approver);
        d.put("flow", flow);
        if (expiresAt != null) {
            d.put("expiresAt", expiresAt.toString());
        }
        return d;
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
