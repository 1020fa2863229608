package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Any policy after conversion to Calico's form (§1.3, §2.10, §6.2): where it sits (tier, order), how a flow log
 * names it, which pods it selects and its rules.
 *
 * @param hitKind the {@code kind} in hits (FORMAT.md §3)
 * @param internalKind the kind in the ordering tie-break key (§2.3)
 * @param namespace the namespace of a namespaced policy; namespaced policies only select pods there and scope
 *     their rule selectors to it (§2.4, §2.8)
 * @param selector the top-level selector (blank = all)
 * @param namespaceSelector top-level namespaceSelector of a global policy (blank = none)
 */
record RefPolicy(
        String tier,
        @Nullable Double order,
        String hitKind,
        String internalKind,
        @Nullable String namespace,
        String name,
        boolean staged,
        String selector,
        @Nullable String namespaceSelector,
        @Nullable String serviceAccountSelector,
        Set<PolicyType> types,
        List<Rule> ingress,
        List<Rule> egress) {

    boolean namespaced() {
        return namespace != null;
    }

    List<Rule> rules(PolicyType direction) {
        return direction == PolicyType.Ingress ? ingress : egress;
    }

    /** The ordering key of §2.3: {@code name/namespace/kind}, compared byte-wise. */
    String sortKey() {
        return name + "/" + (namespace == null ? "" : namespace) + "/" + internalKind;
    }

    /** Whether the policy applies to this pod (§2.4). */
    boolean selects(Member pod) {
        if (namespaced() && !namespace.equals(pod.namespace())) {
            return false;
        }
        if (!parse(selector).matches(pod.labels())) {
            return false;
        }
        if (!blank(namespaceSelector)) {
            Selector ns = parse(namespaceSelector);
            // all() in a namespaceSelector is rewritten to has(projectcalico.org/namespace) (§2.4)
            boolean nsMatch = ns instanceof Selector.All
                    ? pod.labels().get(Member.NAMESPACE) != null
                    : ns.matches(pod.under(Member.NAMESPACE_PREFIX));
            if (!nsMatch) {
                return false;
            }
        }
        if (!blank(serviceAccountSelector)) {
            Selector sa = parse(serviceAccountSelector);
            boolean saMatch = sa instanceof Selector.All
                    ? pod.labels().get(Member.SERVICE_ACCOUNT) != null
                    : sa.matches(pod.under(Member.SERVICE_ACCOUNT_PREFIX));
            if (!saMatch) {
                return false;
            }
        }
        return true;
    }

    static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    static Selector parse(@Nullable String text) {
        return text == null ? Selectors.all() : Selectors.parseOrThrow(text);
    }
}
