package dev.tierdeck.promotion;

import dev.tierdeck.engine.text.TextInput;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyState;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval queue: who may see and decide which request ({@code Tenancy.mayApprove}, never one's own), and the
 * decisions, audited. An approval holds for exactly the staged revision; a rejection sends the draft back to its
 * author with the comment.
 */
@Component
class Approvals {

    static final int COMMENT_LIMIT = 2000;

    private final ApprovalStore store;
    private final PolicyAccess access;
    private final Approvers approvers;
    private final PolicyDrafts drafts;
    private final PromotionAudit audit;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    Approvals(
            ApprovalStore store,
            PolicyAccess access,
            Approvers approvers,
            PolicyDrafts drafts,
            PromotionAudit audit,
            TransactionTemplate transaction) {
        this.store = store;
        this.access = access;
        this.approvers = approvers;
        this.drafts = drafts;
        this.audit = audit;
        this.transaction = transaction;
    }

    /**
     * The pending requests of the policies {@code user} approves (their own among them, never decidable by them).
     * Only approvers reach the queue: admins, members of a team's approver groups (an empty queue), and whoever
     * tenancy names as an approver of a pending request.
     */
    List<Approval> queue(CurrentUser user) {
        List<Approval> queue =
                store.pending().stream().filter(a -> access.mayApprove(user, a)).toList();
        if (queue.isEmpty() && !approvers.isApprover(user)) {
            throw new AccessDeniedException("Only approvers see the approval queue.");
        }
        return queue;
    }

    /** Whether {@code user} may decide the request (an approver who did not ask for it). */
    boolean mayDecide(CurrentUser user, Approval approval) {
        return access.mayApprove(user, approval) && !approval.requestedBy().equals(user.username());
    }

    Approval get(CurrentUser user, long id) {
        Approval approval = store.find(id)
                .orElseThrow(
                        () -> new PromotionProblem(HttpStatus.NOT_FOUND, "There is no approval request " + id + "."));
        if (!access.mayApprove(user, approval)) {
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
        if (approval.requestedBy().equals(user.username())) {
            throw new AccessDeniedException("Nobody approves their own change; another approver decides it.");
        }
        if (!access.mayApprove(user, approval)) {
            throw new AccessDeniedException("You do not approve changes to " + approval.ref() + ".");
        }
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
                || draft.revision() != approval.revision()
                || draft.state() != PolicyState.AWAITING_APPROVAL) {
            store.supersede(approval.ref());
            throw new PromotionProblem(
                    HttpStatus.CONFLICT,
                    approval.ref() + " changed since this request was made; it no longer applies.");
        }
        return Objects.requireNonNull(transaction.execute(status -> {
            if (!store.decide(id, decision, user.username(), user.displayName(), clock.instant(), text)) {
                throw new PromotionProblem(HttpStatus.CONFLICT, "Someone decided this request meanwhile.");
            }
            if (decision == Approval.Status.REJECTED) {
                drafts.markRejected(user, approval.ref(), approval.revision(), Objects.requireNonNull(text));
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
            return store.find(id).orElseThrow();
        }));
    }
}
