package dev.tierdeck.cluster;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start-up, with SelfSubjectAccessReviews, that the portal's ServiceAccount can read what it watches and
 * can NOT do what would make the portal an escalation path: write {@code crd.projectcalico.org} objects (that would
 * bypass Calico's tier RBAC, calico-semantics.md §5) or impersonate {@code system:masters}.
 */
final class RbacSelfCheck {

    private static final Logger log = LoggerFactory.getLogger(RbacSelfCheck.class);

    record Findings(List<String> missingReads, List<String> forbiddenPowers) {}

    private RbacSelfCheck() {}

    static Findings check(KubernetesClient client, boolean calicoServed) {
        List<String> missing = new ArrayList<>();
        for (ClusterKind kind : ClusterKind.values()) {
            if (!kind.watched() || (kind.calico() && !calicoServed)) {
                continue;
            }
            for (String verb : List.of("list", "watch")) {
                if (!allowed(
                        client,
                        new ResourceAttributesBuilder()
                                .withGroup(kind.group())
                                .withResource(kind.plural())
                                .withVerb(verb)
                                .build())) {
                    missing.add(verb + " " + kind.plural() + (kind.group().isEmpty() ? "" : "." + kind.group()));
                }
            }
        }
        List<String> forbidden = new ArrayList<>();
        for (String resource : List.of("networkpolicies", "globalnetworkpolicies", "tiers")) {
            if (allowed(
                    client,
                    new ResourceAttributesBuilder()
                            .withGroup("crd.projectcalico.org")
                            .withResource(resource)
                            .withVerb("create")
                            .build())) {
                forbidden.add("create " + resource + ".crd.projectcalico.org");
            }
        }
        if (allowed(
                client,
                new ResourceAttributesBuilder()
                        .withGroup("")
                        .withResource("groups")
                        .withVerb("impersonate")
                        .withName("system:masters")
                        .build())) {
            forbidden.add("impersonate group system:masters");
        }
        return new Findings(missing, forbidden);
    }

    /**
     * Logs missing read permissions and refuses to start when the ServiceAccount holds a forbidden power.
     *
     * @throws IllegalStateException with a one-line explanation
     */
    static void enforce(Findings findings) {
        if (!findings.missingReads().isEmpty()) {
            log.warn(
                    "Tierdeck's ServiceAccount cannot {}: those objects will be missing from the portal",
                    String.join(", ", findings.missingReads()));
        }
        if (!findings.forbiddenPowers().isEmpty()) {
            String message = "Tierdeck refuses to start: its ServiceAccount may "
                    + String.join(" and ", findings.forbiddenPowers())
                    + ", which would let portal users bypass Calico tier RBAC; remove these permissions";
            log.error(message);
            throw new IllegalStateException(message);
        }
    }

    private static boolean allowed(KubernetesClient client, ResourceAttributes attributes) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withResourceAttributes(attributes)
                .endSpec()
                .build();
        SelfSubjectAccessReview answer =
                client.authorization().v1().selfSubjectAccessReview().create(review);
        return answer.getStatus() != null
                && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }
}
