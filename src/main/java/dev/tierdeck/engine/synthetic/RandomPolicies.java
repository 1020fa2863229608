package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.IcmpMatch;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.ServiceAccountMatch;
import dev.tierdeck.engine.model.StagedAction;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Random valid policies of every kind, over the small label vocabulary of {@link EdgeCaseScenarios}. */
final class RandomPolicies {

    /** Names that collide across kinds and exercise the byte-wise tie-break ({@code a-b} and {@code a.b} before {@code a}). */
    private static final String[] NAMES = {"a", "a-b", "a.b", "a1", "b", "deny", "allow"};

    private final Dice dice;
    private final int namespaces;
    private final boolean ipv6;
    private final RandomSelectors selectors;
    private final RandomKubernetesPolicies kubernetes;

    RandomPolicies(Dice dice, int namespaces, boolean ipv6) {
        this.dice = dice;
        this.namespaces = namespaces;
        this.ipv6 = ipv6;
        this.selectors = new RandomSelectors(dice);
        this.kubernetes = new RandomKubernetesPolicies(dice, namespaces, ipv6);
    }

    ClusterObject any() {
        int kind = dice.below(20);
        if (kind < 13) {
            return calico();
        }
        if (kind < 17) {
            return kubernetes.networkPolicy();
        }
        return kubernetes.clusterNetworkPolicy();
    }

    private String namespace() {
        return EdgeCaseScenarios.NAMESPACES.get(dice.below(namespaces));
    }

    CalicoPolicy calico() {
        PolicyKind kind = dice.pick(
                PolicyKind.NetworkPolicy,
                PolicyKind.NetworkPolicy,
                PolicyKind.GlobalNetworkPolicy,
                PolicyKind.GlobalNetworkPolicy,
                PolicyKind.StagedNetworkPolicy,
                PolicyKind.StagedGlobalNetworkPolicy);
        boolean namespaced = kind.namespaced();
        String tier = dice.pick(
                "default", "default", "default", "kube-admin", "kube-baseline", "aaa", "security", "platform", "zzz");
        List<Rule> ingress = rules();
        List<Rule> egress = rules();
        List<PolicyType> types = dice.pick(
                null,
                null,
                List.of(PolicyType.Ingress),
                List.of(PolicyType.Egress),
                List.of(PolicyType.Ingress, PolicyType.Egress));
        StagedAction stagedAction =
                kind.staged() ? dice.pick(null, StagedAction.Set, StagedAction.Learn, StagedAction.Delete) : null;
        if (stagedAction == StagedAction.Delete) {
            // A staged Delete carries no spec except the tier (§1.4).
            return new CalicoPolicy(
                    kind,
                    namespaced ? namespace() : null,
                    dice.pick(NAMES),
                    tier,
                    null,
                    "",
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    stagedAction,
                    false,
                    false,
                    false);
        }
        return new CalicoPolicy(
                kind,
                namespaced ? namespace() : null,
                dice.pick(NAMES),
                tier,
                dice.pick(null, null, 10.0, 100.0, 100.0, 1000.0, 1000.5),
                selectors.endpoint(),
                namespaced ? null : emptyToNull(selectors.topLevelNamespace()),
                dice.chance(0.1) ? dice.pick("kind == 'x'", "all()", "!has(kind)") : null,
                types,
                ingress,
                egress,
                stagedAction,
                false,
                false,
                false);
    }

    private List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (int i = dice.pick(0, 0, 1, 1, 2, 3); i > 0; i--) {
            rules.add(rule());
        }
        return rules;
    }

    private Rule rule() {
        RuleAction action =
                dice.pick(RuleAction.Allow, RuleAction.Allow, RuleAction.Deny, RuleAction.Pass, RuleAction.Log);
        if (dice.chance(0.1)) {
            return Rule.of(action);
        }
        int p = dice.below(12);
        Protocol protocol = p < 4
                ? null
                : p < 8
                        ? Protocol.TCP
                        : p < 10 ? Protocol.UDP : p < 11 ? (ipv6 ? Protocol.ICMPV6 : Protocol.ICMP) : Protocol.of(6);
        Protocol notProtocol = protocol == null && dice.chance(0.1) ? Protocol.UDP : null;
        IcmpMatch icmp = null;
        IcmpMatch notIcmp = null;
        if (protocol != null && protocol.isIcmp()) {
            if (dice.chance(0.5)) {
                icmp = new IcmpMatch(dice.pick(0, 8), dice.chance(0.5) ? 0 : null);
            } else if (dice.chance(0.3)) {
                notIcmp = new IcmpMatch(8, null);
            }
        }
        boolean ports = protocol != null && protocol.supportsPorts();
        boolean namedPorts = protocol == null || ports;
        // CIDRs of one rule share a family, which may differ from the scenario's (§7.11).
        boolean ruleV6 = dice.chance(0.8) == ipv6;
        Integer ipVersion = dice.chance(0.05) ? dice.pick(4, 6) : null;
        if (protocol != null && protocol.isIcmp()) {
            // ICMP rules carry their IP version (§1.3: ICMP ⇒ 4, ICMPv6 ⇒ 6).
            ipVersion = protocol.number() == 1 ? 4 : 6;
        }
        return new Rule(
                action,
                ipVersion,
                protocol,
                notProtocol,
                icmp,
                notIcmp,
                entity(false, ports, namedPorts, ruleV6),
                entity(true, ports, namedPorts, ruleV6),
                null);
    }

    private EntityRule entity(boolean destination, boolean numericPorts, boolean namedPorts, boolean v6) {
        if (dice.chance(0.35)) {
            return EntityRule.EMPTY;
        }
        List<String> nets = dice.chance(0.2) ? List.of(cidr(v6)) : List.of();
        List<String> notNets = List.of();
        if (dice.chance(0.1)) {
            // A negated catch-all is rejected by validation (§1.3).
            String cidr = cidr(v6);
            notNets = cidr.endsWith("/0") ? List.of() : List.of(cidr);
        }
        String selector = dice.chance(0.4) ? selectors.peer() : null;
        String notSelector = dice.chance(0.15) ? selectors.peer() : null;
        String namespaceSelector = dice.chance(0.3) ? selectors.ruleNamespace() : null;
        ServiceAccountMatch serviceAccounts = dice.chance(0.08)
                ? new ServiceAccountMatch(
                        dice.chance(0.5) ? List.of(dice.pick("sa1", "default")) : List.of(),
                        dice.chance(0.5) ? "kind == 'x'" : null)
                : null;
        if (serviceAccounts != null && serviceAccounts.names().isEmpty() && serviceAccounts.selector() == null) {
            serviceAccounts = null;
        }
        List<Port> ports = new ArrayList<>();
        List<Port> notPorts = new ArrayList<>();
        if (destination || dice.chance(0.2)) {
            if (namedPorts && dice.chance(0.5)) {
                ports.addAll(ports(numericPorts));
            }
            if (numericPorts && dice.chance(0.1)) {
                notPorts.add(Port.Range.of(dice.pick(8080, 53)));
            }
        }
        return new EntityRule(
                nets, notNets, selector, notSelector, namespaceSelector, ports, notPorts, serviceAccounts, null);
    }

    /** Numeric ports and ranges need a protocol with ports; named ports do not (§1.3). */
    private List<Port> ports(boolean numeric) {
        List<Port> ports = new ArrayList<>();
        for (int i = dice.between(1, 2); i > 0; i--) {
            if (numeric && dice.chance(0.6)) {
                ports.add(
                        dice.chance(0.7)
                                ? Port.Range.of(dice.pick(80, 443, 8080, 9090, 53, 5432))
                                : new Port.Range(8000, 8100));
            } else {
                ports.add(new Port.Named(dice.pick("http", "metrics", "dns")));
            }
        }
        return ports;
    }

    private String cidr(boolean v6) {
        return v6
                ? dice.pick("fd00::/16", "fd00::1:0/112", "2001:db8::/32", "::/0")
                : dice.pick(
                        "10.0.0.0/8", "10.0.1.0/24", "203.0.113.0/24", "198.51.100.0/24", "0.0.0.0/0", "10.0.2.1/32");
    }

    private static @Nullable String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
