package dev.tierdeck.policy;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.manifest.ManifestProblem;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Decision;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tenancy.Tenancy;
import dev.tierdeck.tier.GuardrailCheck;
import dev.tierdeck.tier.GuardrailContext;
import dev.tierdeck.tier.Guardrails;
import dev.tierdeck.tier.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@link PolicyChecks} against the live state: the cluster's tiers and namespaces (from the watch cache), tier
 * governance and team ownership from the database, and the guardrails in force. Problems come back in a stable order
 * (kind, Calico validation, tier, ownership, guardrails), each naming its field.
 */
@Component
class ServerPolicyChecks implements PolicyChecks {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final ClusterReader cluster;
    private final Permissions permissions;
    private final Tenancy tenancy;
    private final Guardrails guardrails;

    ServerPolicyChecks(ClusterReader cluster, Permissions permissions, Tenancy tenancy, Guardrails guardrails) {
        this.cluster = cluster;
        this.permissions = permissions;
        this.tenancy = tenancy;
        this.guardrails = guardrails;
    }

    @Override
    public List<PolicyProblem> check(CurrentUser user, CalicoPolicy policy) {
        List<PolicyProblem> problems = new ArrayList<>();
        if (!kind(policy, problems)) {
            return problems;
        }
        calicoValidation(policy, problems);
        ClusterState state = cluster.decoded().state();
        namespace(policy, state, problems);
        access(user, policy, state, problems);
        if (!user.isAdmin() && !PolicyChecks.blocks(problems)) {
            guardrails(user, policy, state, problems);
        }
        return List.copyOf(problems);
    }

    /** Only the enforced Calico kinds are managed; the staged twin is what promotion writes, never the input. */
    private static boolean kind(CalicoPolicy policy, List<PolicyProblem> problems) {
        if (policy.kind() == PolicyKind.NetworkPolicy) {
            if (policy.namespace() == null || policy.namespace().isBlank()) {
                problems.add(blocking("metadata.namespace", "A NetworkPolicy needs a namespace."));
                return false;
            }
            return true;
        }
        if (policy.kind() == PolicyKind.GlobalNetworkPolicy) {
            return true;
        }
        problems.add(blocking(
                "kind",
                "The kind " + policy.kind().name() + " is not managed here; use a Calico NetworkPolicy"
                        + " (projectcalico.org/v3) or, for admins, a GlobalNetworkPolicy."));
        return false;
    }

    /**
     * Calico's own validation, by encoding the policy as its manifest and decoding it again: the decoder reports
     * every rule Calico's API server enforces (names, selectors, CIDRs, ports) with the field's path.
     */
    private static void calicoValidation(CalicoPolicy policy, List<PolicyProblem> problems) {
        Map<String, Object> manifest = ManifestWriter.toMap(policy);
        Manifests decoded = ManifestReader.fromMaps("policy", List.of(manifest));
        for (ManifestProblem error : decoded.errors()) {
            String field = error.path().isEmpty() ? "spec" : error.path();
            problems.add(blocking(field, sentence(field, error.message())));
        }
    }

    /** A policy can only be staged into a namespace that exists (and whose name Kubernetes accepts). */
    private static void namespace(CalicoPolicy policy, ClusterState state, List<PolicyProblem> problems) {
        String namespace = policy.namespace();
        if (namespace == null) {
            return;
        }
        if (!DNS_LABEL.matcher(namespace).matches()) {
            problems.add(blocking(
                    "metadata.namespace",
                    "'" + namespace + "' is not a namespace name (lowercase letters, digits and '-', at most 63)."));
        } else if (state.namespace(namespace) == null) {
            problems.add(
                    blocking("metadata.namespace", "The namespace " + namespace + " does not exist in the cluster."));
        }
    }

    /**
     * Whether the user may write the policy where it says, as {@link Permissions} decides: a refusal for the user's
     * role on a global policy is put at {@code kind}, one for the namespace at {@code metadata.namespace}, one for the
     * tier's governance at {@code spec.tier}.
     */
    private void access(CurrentUser user, CalicoPolicy policy, ClusterState state, List<PolicyProblem> problems) {
        String tier = policy.tier();
        // The built-in tiers are part of every state, declared or not (calico-semantics §1).
        boolean exists = state.tiers().stream().map(Tier::name).anyMatch(tier::equals);
        if (!exists) {
            problems.add(blocking("spec.tier", "The tier " + tier + " does not exist in the cluster."));
        }
        Decision decision = permissions.decide(user, Action.EDIT, Resource.policy(policy.namespace(), tier));
        if (decision.allowed() || decision.cause() == Decision.Cause.TIER && !exists) {
            return;
        }
        String field = decision.cause() == Decision.Cause.TIER
                ? "spec.tier"
                : policy.namespace() == null ? "kind" : "metadata.namespace";
        String hint = policy.namespace() == null && decision.cause() != Decision.Cause.TIER
                ? " Write a NetworkPolicy in one of your namespaces instead."
                : "";
        problems.add(blocking(field, decision.reason() + hint));
    }

    /** Developer policies only: a blocking guardrail stops the change, the others make it need an approver. */
    private void guardrails(CurrentUser user, CalicoPolicy policy, ClusterState state, List<PolicyProblem> problems) {
        Map<String, Map<String, String>> namespaceLabels =
                state.namespaces().stream().collect(Collectors.toMap(Namespace::name, Namespace::labels, (a, b) -> b));
        GuardrailContext context = new GuardrailContext(
                guardrails.current().rules(), tenancy.namespacesOf(user), namespaceLabels, policy.labels(), state);
        for (Violation v : GuardrailCheck.check(policy, context)) {
            problems.add(new PolicyProblem(
                    v.field(),
                    "Guardrail " + v.guardrail() + ": " + v.message() + " Fix: " + v.fix(),
                    v.guardrail(),
                    v.blocks()));
        }
    }

    private static PolicyProblem blocking(String field, String message) {
        return new PolicyProblem(field, message, null, true);
    }

    /** The decoder's terse "is required" becomes "metadata.name is required."; whole sentences stay as they are. */
    private static String sentence(String field, String message) {
        String text = message.matches("^(is|must|cannot|requires|needs) .*")
                ? field + " " + message
                : message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
