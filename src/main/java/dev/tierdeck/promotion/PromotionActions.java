package dev.tierdeck.promotion;

import static dev.tierdeck.promotion.PolicyPages.GLOBAL;
import static dev.tierdeck.promotion.PolicyPages.PAGE;

import dev.tierdeck.cluster.ClusterConflictException;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyRejectedException;
import dev.tierdeck.policy.PolicyTransitionException;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.system.FlashMessage;
import dev.tierdeck.system.LineDiff;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy page's actions as real forms (post/redirect/get): stage, the promotion confirmation and promote,
 * rollback with its reason, and the delete confirmation (withdraw what is in force, with the impact restated and a
 * reason) and delete. Refusals come back to the policy page as a message; a cluster conflict during promotion shows
 * the confirmation again with what changed.
 */
@Controller
class PromotionActions {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Staging staging;
    private final Promotions promotions;
    private final Rollbacks rollbacks;
    private final Removal removal;
    private final ImpactEvidence evidence;
    private final PolicyDrafts drafts;
    private final InForce inForce;
    private final Approvers approvers;

    PromotionActions(
            Staging staging,
            Promotions promotions,
            Rollbacks rollbacks,
            Removal removal,
            ImpactEvidence evidence,
            PolicyDrafts drafts,
            InForce inForce,
            Approvers approvers) {
        this.staging = staging;
        this.promotions = promotions;
        this.rollbacks = rollbacks;
        this.removal = removal;
        this.evidence = evidence;
        this.drafts = drafts;
        this.inForce = inForce;
        this.approvers = approvers;
    }

    @PostMapping({PAGE + "/stage", GLOBAL + "/stage"})
    String stage(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            RedirectAttributes redirect) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        try {
            Staging.Staged staged = staging.stage(user, ref);
            FlashMessage.success(
                            staged.approval() == null
                                    ? ref + " is staged: Calico now reports what it would do, without enforcing it."
                                    : ref + " is staged and waits for an approver (request "
                                            + staged.approval().id() + "): a guardrail asks for one.")
                    .addTo(redirect);
        } catch (PromotionProblem | ClusterException | PolicyConflictException e) {
            FlashMessage.error(message(e)).addTo(redirect);
        }
        return "redirect:" + PolicyPaths.of(ref).base();
    }

    /** The confirmation: restates the impact, and carries a one-time key so that a double submission promotes once. */
    @GetMapping({PAGE + "/promote", GLOBAL + "/promote"})
    String confirm(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            Model model,
            RedirectAttributes redirect) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        Promotions.Check check;
        try {
            check = promotions.check(user, ref);
        } catch (PromotionProblem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            FlashMessage.error(e.getMessage()).addTo(redirect);
            return "redirect:" + PolicyPaths.of(ref).base();
        }
        fillConfirmation(model, check.draft(), UUID.randomUUID().toString());
        model.addAttribute("asksApprover", check.asksApprover().orElse(null));
        return "promotion/promote";
    }

    @PostMapping({PAGE + "/promote", GLOBAL + "/promote"})
    @Nullable
    String promote(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @RequestParam(name = "key", required = false) @Nullable String key,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        String base = PolicyPaths.of(ref).base();
        try {
            Promotion done = promotions.promote(
                    user, ref, key == null || key.isBlank() ? UUID.randomUUID().toString() : key);
            return redirectTo(base, FlashMessage.success(promotedMessage(done)), htmx, redirect, request, response);
        } catch (EvidenceGate.AwaitingApproval e) {
            return redirectTo(
                    base,
                    FlashMessage.success(ref + " is not promoted: it waits for an approver (request "
                            + e.approval().id() + "): " + approvers.of(ref.namespace())
                            + ". The live evidence falls short of the promotion-evidence guardrail."),
                    htmx,
                    redirect,
                    request,
                    response);
        } catch (ClusterConflictException e) {
            // someone changed the staged or enforced object since it was previewed: show what, and preview again
            PolicyDraft draft = drafts.find(ref).orElseThrow(() -> PromotionProblem.notFound(ref));
            fillConfirmation(model, draft, UUID.randomUUID().toString());
            model.addAttribute("conflict", e.getMessage());
            model.addAttribute("conflictChanges", e.diff().changes());
            response.setStatus("true".equals(htmx) ? HttpStatus.OK.value() : HttpStatus.CONFLICT.value());
            return "true".equals(htmx) ? "promotion/promote :: content" : "promotion/promote";
        } catch (PromotionProblem | ClusterException | PolicyConflictException e) {
            if (e instanceof PromotionProblem p && p.status() == HttpStatus.NOT_FOUND) {
                throw p;
            }
            return redirectTo(base, FlashMessage.error(message(e)), htmx, redirect, request, response);
        }
    }

    @PostMapping({PAGE + "/rollback", GLOBAL + "/rollback"})
    String rollback(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @RequestParam int version,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        try {
            PolicyDraft draft = rollbacks.rollBack(user, ref, version, reason);
            FlashMessage.success("Version " + version + " is now the draft (revision " + draft.revision()
                            + "). Nothing changed in the cluster yet: stage it, preview it and promote it to put it"
                            + " back in force.")
                    .addTo(redirect);
        } catch (PromotionProblem | PolicyConflictException | PolicyRejectedException e) {
            if (e instanceof PromotionProblem p && p.status() == HttpStatus.NOT_FOUND) {
                throw p;
            }
            FlashMessage.error(message(e)).addTo(redirect);
        }
        return "redirect:" + PolicyPaths.of(ref).base();
    }

    /** The confirmation of a delete: what withdrawing would newly allow and deny, the guardrails, the reason. */
    @GetMapping({PAGE + "/delete", GLOBAL + "/delete"})
    String confirmDelete(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            Model model,
            RedirectAttributes redirect) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        Removal.Proposal proposal;
        try {
            proposal = removal.propose(user, ref);
        } catch (PromotionProblem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            FlashMessage.error(e.getMessage()).addTo(redirect);
            return "redirect:" + PolicyPaths.of(ref).base();
        }
        fillDelete(model, proposal, "", null);
        return "promotion/withdraw";
    }

    /**
     * Deletes as the confirmation asked: withdraws what is in force (or asks an approver first), forgets a draft.
     * Nothing happens without the confirmation's form: a missing reason shows it again.
     */
    @PostMapping({PAGE + "/delete", GLOBAL + "/delete"})
    String delete(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String reason,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        String base = PolicyPaths.of(ref).base();
        try {
            Removal.Outcome outcome = removal.delete(user, ref, reason);
            switch (outcome) {
                case Removal.AwaitingApproval waiting -> {
                    FlashMessage.success("The withdrawal of " + ref + " waits for an approver (request "
                                    + waiting.approval().id() + "): " + approvers.of(ref.namespace())
                                    + ". The policy stays in force until then.")
                            .addTo(redirect);
                    return "redirect:" + base;
                }
                case Removal.Removed removed
                when removed.withdrawn() -> {
                    FlashMessage.success(ref + " is withdrawn"
                                    + (removed.removed().isEmpty()
                                            ? "."
                                            : ": removed from the cluster: " + String.join(", ", removed.removed())
                                                    + ".")
                                    + " The draft and its versions stay.")
                            .addTo(redirect);
                    return "redirect:" + base;
                }
                case Removal.Removed removed -> {
                    FlashMessage.success(ref + " is deleted"
                                    + (removed.removed().isEmpty()
                                            ? "."
                                            : "; removed from the cluster: " + String.join(", ", removed.removed())
                                                    + "."))
                            .addTo(redirect);
                    return "redirect:" + (ref.isGlobal() ? "/admin/tiers" : PolicyPaths.namespace(ref.namespace()));
                }
            }
        } catch (PolicyRejectedException e) {
            // a missing or overlong reason: the same confirmation again, with the message at the reason
            Removal.Proposal proposal = removal.propose(user, ref);
            fillDelete(model, proposal, reason == null ? "" : reason, message(e));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "promotion/withdraw";
        } catch (PromotionProblem | ClusterException | PolicyConflictException e) {
            if (e instanceof PromotionProblem p && p.status() == HttpStatus.NOT_FOUND) {
                throw p;
            }
            FlashMessage.error(message(e)).addTo(redirect);
            return "redirect:" + base;
        }
    }

    private void fillDelete(Model model, Removal.Proposal proposal, String reason, @Nullable String error) {
        PolicyDraft draft = proposal.draft();
        model.addAttribute("proposal", proposal);
        model.addAttribute("draft", draft);
        model.addAttribute("ref", draft.ref());
        model.addAttribute("paths", PolicyPaths.of(draft.ref()));
        model.addAttribute("impact", proposal.impact());
        model.addAttribute(
                "topChanges",
                proposal.impact() == null
                        ? List.of()
                        : proposal.impact().changes().stream().limit(10).toList());
        model.addAttribute("diff", LineDiff.of(proposal.inForce(), null));
        model.addAttribute("approvers", approvers.of(draft.ref().namespace()));
        model.addAttribute("reason", reason);
        model.addAttribute("error", error);
    }

    private void fillConfirmation(Model model, PolicyDraft draft, String key) {
        ImpactPreview impact = evidence.of(draft.policy());
        String before = inForce.yaml(draft);
        model.addAttribute("draft", draft);
        model.addAttribute("ref", draft.ref());
        model.addAttribute("paths", PolicyPaths.of(draft.ref()));
        model.addAttribute("impact", impact);
        model.addAttribute("topChanges", impact.changes().stream().limit(10).toList());
        model.addAttribute("diff", LineDiff.of(before, PolicyManifests.yaml(draft.policy())));
        model.addAttribute("replacesOutside", before != null);
        model.addAttribute("key", key);
    }

    static String promotedMessage(Promotion p) {
        return p.policy() + " is in force: version " + p.version()
                + (p.clusterRevision() == null ? "" : ", cluster revision " + p.clusterRevision())
                + ", promoted " + TIME.format(p.promotedAt()) + " by " + p.promotedBy() + "."
                + (p.settled() ? "" : " The cluster has yet to confirm the write; Tierdeck completes it.");
    }

    static String message(RuntimeException e) {
        if (e instanceof PolicyRejectedException rejected) {
            return "Refused: "
                    + rejected.problems().stream()
                            .map(p -> p.field() + ": " + p.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("the policy did not pass the checks");
        }
        if (e instanceof PolicyTransitionException) {
            return e.getMessage();
        }
        if (e instanceof PolicyConflictException) {
            return "The policy changed meanwhile: " + e.getMessage() + " Reload the page and try again.";
        }
        return e.getMessage() == null ? "The request was refused." : e.getMessage();
    }

    private static @Nullable String redirectTo(
            String base,
            FlashMessage message,
            @Nullable String htmx,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        return message.redirect(base, htmx, redirect, request, response);
    }
}
