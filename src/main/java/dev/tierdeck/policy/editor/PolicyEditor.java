package dev.tierdeck.policy.editor;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.Advisory;
import dev.tierdeck.policy.PolicyAdvisories;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tier.TierGovernance;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the editor screens do with a form: open it (blank, from a template, from a draft), evaluate it into a policy
 * with messages at its fields, and fill the page model. The pages stay thin; saving itself is
 * {@link PolicyDrafts#save}.
 */
@Component
class PolicyEditor {

    private final Permissions permissions;
    private final TierGovernance governance;
    private final PolicyDrafts drafts;
    private final PolicyChecks checks;
    private final ClusterReader cluster;
    private final PolicyAdvisories advisories;

    PolicyEditor(
            Permissions permissions,
            TierGovernance governance,
            PolicyDrafts drafts,
            PolicyChecks checks,
            ClusterReader cluster,
            PolicyAdvisories advisories) {
        this.permissions = permissions;
        this.governance = governance;
        this.drafts = drafts;
        this.checks = checks;
        this.cluster = cluster;
        this.advisories = advisories;
    }

    /**
     * Refuses a user who may not write policies in the scope at all: another team's namespace, a viewer, a developer
     * on a global policy. Asked on every request before anything else; the tier is checked once it is known.
     */
    void requireScope(CurrentUser user, EditorScope scope) {
        if (!scope.global()) {
            permissions.require(user, Action.EDIT, Resource.namespace(Objects.requireNonNull(scope.namespace())));
            return;
        }
        List<String> tiers = tierNames();
        if (tiers.stream().noneMatch(t -> permissions.allows(user, Action.EDIT, Resource.policy(null, t)))) {
            permissions.require(user, Action.EDIT, Resource.policy(null, tiers.getFirst()));
        }
    }

    /** Refuses writing the scope's policy in {@code tier} (locked, confidential, not a developer tier). */
    void requireTier(CurrentUser user, EditorScope scope, String tier) {
        permissions.require(user, Action.EDIT, Resource.policy(scope.namespace(), tier));
    }

    /** The tiers the user may write the scope's policies in: the cluster's and the developer tiers, in Calico's order. */
    List<String> writableTiers(CurrentUser user, EditorScope scope) {
        return tierNames().stream()
                .filter(t -> permissions.allows(user, Action.EDIT, Resource.policy(scope.namespace(), t)))
                .toList();
    }

    private List<String> tierNames() {
        Set<String> names = new LinkedHashSet<>();
        cluster.decoded().state().tiers().stream()
                .sorted(Comparator.comparing((Tier t) -> t.order() == null ? Double.MAX_VALUE : t.order()))
                .forEach(t -> names.add(t.name()));
        names.addAll(governance.developerTiers());
        names.add(Tier.DEFAULT);
        return List.copyOf(names);
    }

    /** The tier a new policy starts in: the first developer tier the user may write, else the first writable one. */
    private String defaultTier(List<String> writable) {
        return writable.stream()
                .filter(governance.developerTiers()::contains)
                .findFirst()
                .orElse(writable.isEmpty() ? Tier.DEFAULT : writable.getFirst());
    }

    /**
     * The form's policy (null while it does not decode), its YAML and the messages for its fields.
     *
     * @param yaml the YAML to show: canonical when the policy decodes, otherwise what the form or the user wrote
     */
    record Outcome(@Nullable CalicoPolicy policy, String yaml, Messages messages) {}

    /**
     * The policy being edited: its draft, or else the enforced policy of that name in the cluster, which the portal
     * starts managing when the edit is saved (a new draft, promoted over the cluster's object like any change); 404
     * when neither exists, 403 when its tier is not the user's to write.
     */
    Editing existing(CurrentUser user, EditorScope scope) {
        String name = Objects.requireNonNull(scope.name());
        PolicyRef ref = scope.ref(name);
        Optional<PolicyDraft> draft = drafts.find(ref);
        if (draft.isPresent()) {
            requireTier(user, scope, draft.get().tier());
            return new Editing(draft.get().policy(), draft.get().revision());
        }
        PolicyKind kind = ref.isGlobal() ? PolicyKind.GlobalNetworkPolicy : PolicyKind.NetworkPolicy;
        CalicoPolicy enforced = cluster.decoded().state().calicoPolicies().stream()
                .filter(p ->
                        p.kind() == kind && p.name().equals(name) && Objects.equals(p.namespace(), ref.namespace()))
                .findFirst()
                .orElseThrow(() ->
                        new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no policy " + ref + " to edit."));
        requireTier(user, scope, enforced.tier());
        return new Editing(enforced, null);
    }

    /**
     * What the editor opens.
     *
     * @param revision the draft's revision; null for an enforced policy the portal does not manage yet
     */
    record Editing(CalicoPolicy policy, @Nullable Long revision) {}

    PolicyForm blank(CurrentUser user, EditorScope scope) {
        PolicyForm form = new PolicyForm();
        form.setTier(defaultTier(writableTiers(user, scope)));
        return form;
    }

    PolicyForm fromTemplate(CurrentUser user, EditorScope scope, PolicyTemplates.Template template) {
        return PolicyTemplates.form(template, defaultTier(writableTiers(user, scope)));
    }

    /** The form of a stored policy; a policy the form cannot show exactly opens as YAML, with the reasons. */
    FormReader.Read open(CalicoPolicy policy, @Nullable Long revision) {
        FormReader.Read read = FormReader.read(policy);
        PolicyForm form = read.form();
        form.setRevision(revision);
        form.setYaml(PolicyYaml.toYaml(policy));
        if (!read.exact()) {
            form.setMode(PolicyForm.YAML);
        }
        return read;
    }

    /** Evaluates the form; {@code check} also runs the server's checks (governance, guardrails) on a valid policy. */
    Outcome evaluate(CurrentUser user, EditorScope scope, PolicyForm form, boolean check) {
        Messages messages = new Messages();
        CalicoPolicy policy;
        String yaml;
        YamlLines lines = null;
        if (form.isYamlMode()) {
            PolicyYaml.Decoded decoded = PolicyYaml.parse(form.getYaml(), scope.kind(), scope.namespace());
            decoded.problems().forEach(p -> messages.inYaml(p.describe(), true));
            policy = decoded.policy();
            yaml = form.getYaml();
            lines = YamlLines.of(yaml);
        } else {
            FormWriter.Written written = FormWriter.write(form, scope.kind(), scope.namespace());
            written.errors().forEach(messages::atField);
            PolicyYaml.Decoded decoded = PolicyYaml.decode(written.manifest(), scope.kind(), scope.namespace());
            decoded.problems().forEach(p -> messages.atPath(p.path(), p.message(), true));
            policy = written.ok() ? decoded.policy() : null;
            yaml = decoded.policy() != null
                    ? PolicyYaml.toYaml(decoded.policy())
                    : PolicyYaml.toYaml(written.manifest());
        }
        if (policy != null && scope.name() != null && !policy.name().equals(scope.name())) {
            String text = "The name cannot change here; create a new policy to use another name.";
            place(messages, lines, "metadata.name", text, true);
            policy = null;
        }
        if (policy != null && check) {
            for (PolicyProblem p : checks.check(user, policy)) {
                place(messages, lines, p.field(), Messages.describe(p), p.blocking());
            }
            for (Advisory a : advisories.of(policy)) {
                if (lines == null) {
                    messages.advise(a.field(), a.message());
                } else {
                    messages.adviseInYaml(
                            new PolicyYaml.Problem(a.field(), lines.lineOf(a.field()), a.message()).describe());
                }
            }
        }
        return new Outcome(policy, yaml, messages);
    }

    /** Puts a problem at its field in form mode, or under the YAML with its line in YAML mode. */
    static void place(Messages messages, @Nullable YamlLines lines, String path, String text, boolean blocking) {
        if (lines == null) {
            messages.atPath(path, text, blocking);
        } else {
            messages.inYaml(new PolicyYaml.Problem(path, lines.lineOf(path), text).describe(), blocking);
        }
    }

    /** Everything the editor template reads. */
    void fill(
            Model model, CurrentUser user, EditorScope scope, PolicyForm form, Outcome outcome, List<String> reasons) {
        if (!form.isYamlMode() || outcome.policy() != null) {
            form.setYaml(outcome.yaml());
        }
        List<String> why = reasons.isEmpty() && form.isYamlMode() && outcome.policy() != null
                ? FormReader.read(outcome.policy()).reasons()
                : reasons;
        List<String> tiers = writableTiers(user, scope);
        PodMatches matches = new PodMatches(cluster.decoded().state());
        model.addAttribute("scope", scope);
        model.addAttribute("form", form);
        model.addAttribute("messages", outcome.messages());
        model.addAttribute("slots", Messages.slotsOf(form, scope.global()));
        model.addAttribute("reasons", why);
        model.addAttribute(
                "tiers", tiers.contains(form.getTier()) || form.getTier().isEmpty() ? tiers : with(tiers, form));
        model.addAttribute("admin", user.isAdmin());
        model.addAttribute("templates", scope.global() || !scope.creating() ? List.of() : PolicyTemplates.ALL);
        model.addAttribute("preview", preview(matches, scope, form));
        var visible = permissions.readableNamespaces(user, matches.namespaceNames());
        model.addAttribute("peerPreviews", peerPreviews(matches, scope, outcome.policy(), visible));
        model.addAttribute("labelKeys", matches.keys(visible));
        model.addAttribute("labelValues", matches.values(visible));
        model.addAttribute("namespaceNames", matches.namespaceNames());
        model.addAttribute("choices", EditorChoices.INSTANCE);
    }

    /** A tier the user may not write stays visible in the select, so nothing they typed silently changes. */
    private static List<String> with(List<String> tiers, PolicyForm form) {
        return Stream.concat(tiers.stream(), Stream.of(form.getTier())).toList();
    }

    /** What each rule's peer matches, by rule ({@code ingress[0]}), while the form decodes to a policy. */
    static Map<String, PodMatches.Preview> peerPreviews(
            PodMatches matches, EditorScope scope, @Nullable CalicoPolicy policy, Set<String> visible) {
        Map<String, PodMatches.Preview> out = new HashMap<>();
        if (policy == null) {
            return out;
        }
        for (int i = 0; i < policy.ingress().size(); i++) {
            PodMatches.Preview p =
                    matches.peer(scope.namespace(), policy.ingress().get(i).source(), visible);
            if (p != null) {
                out.put("ingress[" + i + "]", p);
            }
        }
        for (int i = 0; i < policy.egress().size(); i++) {
            PodMatches.Preview p =
                    matches.peer(scope.namespace(), policy.egress().get(i).destination(), visible);
            if (p != null) {
                out.put("egress[" + i + "]", p);
            }
        }
        return out;
    }

    static PodMatches.Preview preview(PodMatches matches, EditorScope scope, PolicyForm form) {
        SelectorForm.Result selector = form.getSelector().toText("");
        SelectorForm.Result namespaces =
                scope.global() ? form.getNamespaceSelector().toText(null) : new SelectorForm.Result(null, null);
        if (selector.text() == null || selector.error() != null || namespaces.error() != null) {
            return new PodMatches.Preview(0, List.of(), "Complete the selector rows to see which pods match.");
        }
        return matches.preview(scope.namespace(), selector.text(), namespaces.text());
    }
}
