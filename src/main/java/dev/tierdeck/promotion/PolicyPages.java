package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyAction;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.system.LineDiff;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.verification.LiveEvidence;
import dev.tierdeck.verification.PromotionCheck;
import dev.tierdeck.verification.PromotionChecks;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The policy page: state, tier, YAML, current problems, actions, live pending verdicts beside the prediction, the
 * approval outcome, and the versions with diff and rollback. The same screen for namespaced and global policies. The
 * badge, the approval card, the open problems and the actions all come from the draft's life cycle.
 */
@Controller
class PolicyPages {

    static final String PAGE = "/namespaces/{namespace}/policies/{name}";
    static final String GLOBAL = "/global-policies/{name}";

    private final PolicyLookup access;
    private final PolicyDrafts drafts;
    private final PolicyChecks checks;
    private final ApprovalStore approvals;
    private final PendingVerdicts verdicts;
    private final ImpactEvidence evidence;
    private final InForce inForce;
    private final Approvers approvers;
    private final LiveEvidence live;
    private final PromotionChecks promotionChecks;

    PolicyPages(
            PolicyLookup access,
            PolicyDrafts drafts,
            PolicyChecks checks,
            ApprovalStore approvals,
            PendingVerdicts verdicts,
            ImpactEvidence evidence,
            InForce inForce,
            Approvers approvers,
            LiveEvidence live,
            PromotionChecks promotionChecks) {
        this.access = access;
        this.drafts = drafts;
        this.checks = checks;
        this.approvals = approvals;
        this.verdicts = verdicts;
        this.evidence = evidence;
        this.inForce = inForce;
        this.approvers = approvers;
        this.live = live;
        this.promotionChecks = promotionChecks;
    }

    @GetMapping({PAGE, GLOBAL})
    String page(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            Model model) {
        fill(user, PolicyPaths.ref(namespace, name), model);
        return "promotion/policy";
    }

    @HxRequest
    @GetMapping({PAGE, GLOBAL})
    String pageContent(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            Model model,
            CsrfToken csrf) {
        // the fragment's forms carry the token: load it (and the session) before the response starts streaming
        csrf.getToken();
        page(user, namespace, name, model);
        return "promotion/policy :: content";
    }

    /** Two versions side by side (line diff of the canonical YAML); {@code to} defaults to the draft. */
    @GetMapping({PAGE + "/versions/diff", GLOBAL + "/versions/diff"})
    String diff(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @RequestParam(name = "from") String from,
            @RequestParam(name = "to", required = false, defaultValue = "draft") String to,
            Model model) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        PolicyDraft draft = fill(user, ref, model);
        model.addAttribute("diffFrom", from);
        model.addAttribute("diffTo", to);
        model.addAttribute("diff", LineDiff.of(content(ref, draft, from), content(ref, draft, to)));
        return "promotion/policy";
    }

    @HxRequest
    @GetMapping({PAGE + "/versions/diff", GLOBAL + "/versions/diff"})
    String diffContent(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @RequestParam(name = "from") String from,
            @RequestParam(name = "to", required = false, defaultValue = "draft") String to,
            Model model) {
        diff(user, namespace, name, from, to, model);
        return "promotion/policy :: diff";
    }

    private PolicyDraft fill(CurrentUser user, PolicyRef ref, Model model) {
        PolicyDraft draft = access.require(user, ref, Action.READ);
        boolean mayWrite = access.allows(user, Action.EDIT, draft);
        List<PolicyVersion> versions = drafts.versions(ref);
        model.addAttribute("ref", ref);
        model.addAttribute("draft", draft);
        model.addAttribute("paths", PolicyPaths.of(ref));
        model.addAttribute("yaml", PolicyManifests.yaml(draft.policy()));
        model.addAttribute("mayWrite", mayWrite);
        // the life cycle says which findings are still open: none that an approval covers, none for what is in force
        model.addAttribute("problems", mayWrite ? draft.openProblems(checks.check(user, draft.policy())) : List.of());
        model.addAttribute("versions", versions);
        // predicted against seen, per version; the version in force with unexpected denials stands out with a roll back
        Map<Integer, PromotionCheck> checks = new HashMap<>();
        promotionChecks.of(ref).forEach(c -> checks.put(c.version(), c));
        model.addAttribute("checks", checks);
        PromotionCheck inForceCheck = draft.enforcedVersion() == null ? null : checks.get(draft.enforcedVersion());
        model.addAttribute(
                "unexpected", inForceCheck != null && inForceCheck.unexpectedCount() > 0 ? inForceCheck : null);
        Integer previous = draft.enforcedVersion() == null
                ? null
                : versions.stream()
                        .map(PolicyVersion::version)
                        .filter(v -> v < draft.enforcedVersion())
                        .max(Integer::compare)
                        .orElse(null);
        model.addAttribute("rollbackTo", previous);
        // a policy written outside Tierdeck and adopted by editing it: in force, though never promoted from here
        model.addAttribute("enforcedOutside", inForce.outside(draft) != null);
        // only the request that belongs with the draft as it stands; an older one is history
        Approval approval = approvals.concerning(draft).orElse(null);
        model.addAttribute("approval", approval);
        model.addAttribute("approvers", approvers.of(ref.namespace()));
        // the actions the life cycle allows; the server asks it again when they are used
        model.addAttribute("stageable", draft.allows(PolicyAction.STAGE));
        model.addAttribute("promotable", draft.allows(PolicyAction.PROMOTE));
        model.addAttribute(
                "withdrawable",
                draft.enforcedVersion() != null
                        && (draft.allows(PolicyAction.REQUEST_WITHDRAWAL) || draft.allows(PolicyAction.WITHDRAW)));
        model.addAttribute(
                "withdrawalApproved",
                draft.enforcedVersion() != null
                        && !draft.allows(PolicyAction.REQUEST_WITHDRAWAL)
                        && draft.allows(PolicyAction.WITHDRAW));
        model.addAttribute("deletable", draft.allows(PolicyAction.DISCARD));
        boolean staged = draft.stagedAsItIs();
        model.addAttribute("staged", staged);
        if (staged) {
            ImpactPreview prediction = evidence.of(draft.policy());
            model.addAttribute("prediction", prediction);
            model.addAttribute("verdicts", verdicts.of(ref, prediction));
            model.addAttribute("evidence", live.of(draft));
        }
        return draft;
    }

    private String content(PolicyRef ref, PolicyDraft draft, String which) {
        if (which.equals("draft")) {
            return PolicyManifests.yaml(draft.policy());
        }
        int number;
        try {
            number = Integer.parseInt(which);
        } catch (NumberFormatException e) {
            throw new PromotionProblem(
                    HttpStatus.BAD_REQUEST, "Compare a version number or \"draft\", not \"" + which + "\".");
        }
        return drafts.version(ref, number)
                .map(v -> PolicyManifests.yaml(v.policy()))
                .orElseThrow(() -> new PromotionProblem(HttpStatus.NOT_FOUND, ref + " has no version " + number + "."));
    }
}
