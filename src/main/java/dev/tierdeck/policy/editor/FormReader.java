package dev.tierdeck.policy.editor;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Fills the form from a policy, exactly: {@code FormWriter.write(read(p).form())} decodes to {@code p} again. Whatever
 * the form has no input for is listed as a reason instead, in words; a policy with reasons is edited as YAML, never
 * through a form that would drop part of it.
 */
final class FormReader {

    private final List<String> reasons = new ArrayList<>();

    private FormReader() {}

    /** The form, and why it cannot show the policy exactly (empty when it can). */
    record Read(PolicyForm form, List<String> reasons) {
        boolean exact() {
            return reasons.isEmpty();
        }
    }

    static Read read(CalicoPolicy p) {
        FormReader r = new FormReader();
        PolicyForm form = r.form(p);
        return new Read(form, List.copyOf(r.reasons));
    }

    private PolicyForm form(CalicoPolicy p) {
        if (p.kind().staged()) {
            reasons.add("It is a " + p.kind() + "; the form edits NetworkPolicy and GlobalNetworkPolicy.");
        }
        if (p.serviceAccountSelector() != null) {
            reasons.add("It selects its pods by service account (spec.serviceAccountSelector).");
        }
        if (p.doNotTrack() || p.preDNAT() || p.applyOnForward()) {
            reasons.add("It sets doNotTrack, preDNAT or applyOnForward (host endpoint options).");
        }
        PolicyForm f = new PolicyForm();
        f.setName(p.name());
        f.setLabels(new java.util.TreeMap<>(p.labels())
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        f.setTier(p.tier());
        f.setOrder(p.order() == null ? "" : orderText(p.order()));
        f.setSelector(SelectorForm.of(p.selector(), ""));
        if (!p.kind().namespaced()) {
            f.setNamespaceSelector(SelectorForm.of(p.namespaceSelector(), null));
        }
        if (p.types() != null) {
            f.setTypes(
                    p.types().stream().sorted().distinct().map(PolicyType::name).collect(Collectors.joining(",")));
        }
        f.setIngress(rules(p.ingress(), "ingress"));
        f.setEgress(rules(p.egress(), "egress"));
        return f;
    }

    static String orderText(double order) {
        return order == Math.rint(order) && Math.abs(order) < 1e15
                ? Long.toString((long) order)
                : Double.toString(order);
    }

    private List<RuleForm> rules(List<Rule> rules, String direction) {
        List<RuleForm> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(rule(rules.get(i), direction + " rule " + (i + 1), direction.equals("ingress")));
        }
        return out;
    }

    private RuleForm rule(Rule r, String where, boolean ingress) {
        RuleForm f = new RuleForm();
        f.setAction(r.action().name());
        if (r.ipVersion() != null) {
            reasons.add("The " + where + " sets ipVersion.");
        }
        if (r.protocol() != null) {
            if (RuleForm.PROTOCOLS.contains(r.protocol().name())) {
                f.setProtocol(r.protocol().name());
            } else {
                reasons.add("The " + where + " uses protocol " + r.protocol() + ", which the form does not offer.");
            }
        }
        if (r.notProtocol() != null) {
            reasons.add("The " + where + " uses notProtocol.");
        }
        if (r.icmp() != null || r.notICMP() != null) {
            reasons.add("The " + where + " matches ICMP types or codes (icmp, notICMP).");
        }
        if (r.http() != null) {
            reasons.add("The " + where + " matches HTTP methods or paths (http).");
        }
        EntityRule peer = ingress ? r.source() : r.destination();
        EntityRule other = ingress ? r.destination() : r.source();
        String otherName = ingress ? "destination" : "source";
        EntityRule otherWithoutPorts = withoutPorts(other);
        if (!otherWithoutPorts.isEmpty() || (!ingress && !other.ports().isEmpty())) {
            reasons.add("The " + where + " sets fields of its " + otherName + " beyond destination ports.");
        }
        List<Port> ports = ingress ? other.ports() : peer.ports();
        f.setPorts(ports.stream().map(Port::toString).collect(Collectors.joining(", ")));
        f.setPeer(peer(ingress ? peer : withoutPorts(peer), where, ingress ? "source" : "destination"));
        return f;
    }

    private static EntityRule withoutPorts(EntityRule e) {
        return new EntityRule(
                e.nets(),
                e.notNets(),
                e.selector(),
                e.notSelector(),
                e.namespaceSelector(),
                List.of(),
                e.notPorts(),
                e.serviceAccounts(),
                e.services());
    }

    private PeerForm peer(EntityRule e, String where, String side) {
        PeerForm f = new PeerForm();
        String prefix = "The " + where + " ";
        if (e.notSelector() != null) {
            reasons.add(prefix + "excludes peers with notSelector.");
        }
        if (!e.notPorts().isEmpty()) {
            reasons.add(prefix + "excludes ports with notPorts.");
        }
        if (e.services() != null) {
            reasons.add(prefix + "matches a Kubernetes service (services).");
        }
        if (!e.ports().isEmpty()) {
            reasons.add(prefix + "sets " + side + " ports.");
        }
        boolean nets = !e.nets().isEmpty() || !e.notNets().isEmpty();
        boolean selector = e.selector() != null;
        boolean namespaces = e.namespaceSelector() != null;
        boolean accounts = e.serviceAccounts() != null;
        if (accounts && (nets || selector || namespaces)) {
            reasons.add(prefix + "combines service accounts with other peer fields.");
        } else if (nets && (selector || namespaces)) {
            reasons.add(prefix + "combines CIDRs with selectors.");
        } else if (accounts) {
            f.setKind(PeerForm.SERVICE_ACCOUNTS);
            f.setAccountNames(String.join(", ", e.serviceAccounts().names()));
            f.setAccountSelector(SelectorForm.of(e.serviceAccounts().selector(), null));
        } else if (nets) {
            f.setKind(PeerForm.CIDRS);
            f.setNets(String.join(", ", e.nets()));
            f.setNotNets(String.join(", ", e.notNets()));
        } else if (namespaces && "global()".equals(e.namespaceSelector())) {
            f.setKind(PeerForm.NETWORK_SETS);
            f.setNetworkSets(SelectorForm.of(e.selector(), null));
        } else if (namespaces) {
            f.setKind(selector ? PeerForm.NAMESPACE_PODS : PeerForm.NAMESPACES);
            if (selector) {
                f.setPods(SelectorForm.of(e.selector(), null));
            }
            List<String> names = namespaceNames(e.namespaceSelector());
            if (names != null) {
                f.setNamespacesBy(PeerForm.BY_NAMES);
                f.setNamespaceNames(String.join(", ", names));
            } else {
                f.setNamespacesBy(PeerForm.BY_LABELS);
                f.setNamespaceLabels(SelectorForm.of(e.namespaceSelector(), "all()"));
            }
        } else if (selector) {
            f.setKind(PeerForm.PODS);
            f.setPods(SelectorForm.of(e.selector(), "all()"));
        }
        return f;
    }

    /** The namespace names when the selector is exactly how the form writes names, otherwise null. */
    private static @Nullable List<String> namespaceNames(@Nullable String text) {
        if (text == null || !(Selectors.parse(text) instanceof ParseResult.Ok ok)) {
            return null;
        }
        List<String> names = switch (ok.selector()) {
            case Selector.Equals e when e.label().equals(FormWriter.NAMESPACE_NAME) -> List.of(e.value());
            case Selector.In in when in.label().equals(FormWriter.NAMESPACE_NAME) -> in.values();
            default -> null;
        };
        if (names == null
                || names.stream().anyMatch(n -> n.isEmpty() || n.contains(",") || !n.equals(n.strip()))
                || names.stream().anyMatch(n -> n.chars().anyMatch(Character::isWhitespace))) {
            return null;
        }
        return FormWriter.namesSelector(names).equals(text) ? names : null;
    }
}
