package dev.tierdeck.promotion;

import dev.tierdeck.engine.text.TextInput;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyAction;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval queue: who may see and decide which request ({@link Permissions}, never one's own), and the
 * decisions, audited. An approval moves the draft to approved for exactly the revision it was asked for (the
 * requester then promotes it, or carries out the withdrawal); a rejection sends it back to its author with the
 * comment.
 */
@Component
class Approvals {

    static final int COMMENT_LIMIT = 2000;

    private final ApprovalStore store;
    private final Permissions permissions;
    private final PolicyDrafts drafts;
    private final PromotionAudit audit;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Approvals(
            ApprovalStore store,
            Permissions permissions,
            PolicyDrafts drafts,
            PromotionAudit audit,
            TransactionTemplate transaction,
            ApplicationEventPublisher events) {
        this.store = store;
        this.permissions = permissions;
        this.drafts = drafts;
        this.audit = audit;
        this.transaction = transaction;
        this.events = events;
    }

    /**
     * The pending requests of the policies {@code user} approves (their own among them, never decidable by them).
     * Only approvers reach the queue: admins, members of a team's approver groups (an empty queue), and whoever
     * tenancy names as an approver of a pending request.
     */
    List<Approval> queue(CurrentUser user) {
        List<Approval> queue =
                store.pending().stream().filter(a -> mayApprove(user, a)).toList();
        if (queue.isEmpty()) {
            permissions.require(user, Action.APPROVE, Resource.PORTAL);
        }
        return queue;
    }

    /** How many pending requests {@code user} may decide: the count beside Approvals in the navigation. */
    int waitingFor(CurrentUser user) {
        return (int) store.pending().stream().filter(a -> mayDecide(user, a)).count();
    }

    /** Whether {@code user} may decide the request (an approver who did not ask for it). */
    boolean mayDecide(CurrentUser user, Approval approval) {
        return permissions.allows(user, Action.APPROVE, change(approval));
    }

    Approval get(CurrentUser user, long id) {
        Approval approval = store.find(id)
                .orElseThrow(
                        () -> new PromotionProblem(HttpStatus.NOT_FOUND, "There is no approval request " + id + "."));
        if (!mayApprove(user, approval)) {
            throw new AccessDeniedException("You do not approve changes to " + approval.ref() + ".");
        }
        return approval;
    }

    Approval approve(CurrentUser user, long id, @Nullable String comment) {
        return decide(user, id, Approval.Status.APPROVED, comment);
    }

    Approval reject(CurrentUser user, long id, @Nullable String comment) {
        if (comment == null || comment.isBlank()) {
            throw new PromotionProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "comment: say why the change is rejected; the requester reads it.");
        }
        return decide(user, id, Approval.Status.REJECTED, comment);
    }

    private Approval decide(CurrentUser user, long id, Approval.Status decision, @Nullable String comment) {
        Approval approval = get(user, id);
        permissions.require(user, Action.APPROVE, change(approval));
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        String problem = TextInput.problem(text, TextInput.Kind.TEXT, COMMENT_LIMIT);
        if (problem != null) {
            throw new PromotionProblem(HttpStatus.UNPROCESSABLE_CONTENT, "comment: the comment " + problem + ".");
        }
        if (!approval.pending()) {
            throw new PromotionProblem(
                    HttpStatus.CONFLICT,
                    "This request was already " + approval.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        PolicyDraft draft = drafts.find(approval.ref()).orElse(null);
        if (draft == null
                || !draft.concerns(approval.id(), approval.revision())
                || !draft.allows(PolicyAction.APPROVE)) {
            store.supersede(approval.ref());
            throw new PromotionProblem(
                    HttpStatus.CONFLICT,
                    approval.ref() + " changed since this request was made; it no longer applies.");
        }
        return Objects.requireNonNull(transaction.execute(status -> {
            if (!store.decide(id, decision, user.username(), user.displayName(), clock.instant(), text)) {
                throw new PromotionProblem(HttpStatus.CONFLICT, "Someone decided this request meanwhile.");
            }
            // the draft moves with the decision, bound to the revision the request was made for
            if (decision == Approval.Status.REJECTED) {
                drafts.markRejected(
                        user, approval.ref(), approval.revision(), approval.id(), Objects.requireNonNull(text));
            } else {
                drafts.markApproved(user, approval.ref(), approval.revision(), approval.id(), text);
            }
            audit.record(
                    user,
                    decision == Approval.Status.APPROVED ? "approval.approved" : "approval.rejected",
                    approval.ref(),
                    approval.tier(),
                    text,
                    approval.before(),
                    approval.after(),
                    approval.impact());
            Approval decided = store.find(id).orElseThrow();
            events.publishEvent(ApprovalDecided.of(decided));
            return decided;
        }));
    }

    /** Whether {@code user} approves changes to the request's policy at all (their own requests included). */
    private boolean mayApprove(CurrentUser user, Approval approval) {
        return permissions.allows(
                user, Action.APPROVE, Resource.policy(approval.ref().namespace(), approval.tier()));
    }

    private static Resource change(Approval approval) {
        return Resource.change(approval.ref().namespace(), approval.tier(), approval.requestedBy());
    }
}
