package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.IcmpMatch;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A rule ready for matching: every criterion of calico-semantics §2.6 precomputed. */
final class CompiledRule {

    final RuleAction action;
    final int index;
    final boolean v4;
    final boolean v6;
    final int protocol;
    final int notProtocol;
    final @Nullable IcmpMatch icmp;
    final @Nullable IcmpMatch notIcmp;
    final Side source;
    final Side destination;

    CompiledRule(Rule rule, int index, @Nullable String policyNamespace, MemberCache cache) {
        this.action = rule.action();
        this.index = index;
        this.protocol = rule.protocol() == null ? -1 : rule.protocol().number();
        this.notProtocol = rule.notProtocol() == null ? -1 : rule.notProtocol().number();
        this.icmp = rule.icmp();
        this.notIcmp = rule.notICMP();
        this.source = new Side(rule.source(), policyNamespace, cache);
        this.destination = new Side(rule.destination(), policyNamespace, cache);
        // A rule with CIDRs only exists for an IP family in which each CIDR list keeps an entry (§2.6, §7.11).
        List<List<String>> lists = List.of(
                rule.source().nets(),
                rule.source().notNets(),
                rule.destination().nets(),
                rule.destination().notNets());
        this.v4 = (rule.ipVersion() == null || rule.ipVersion() == 4) && hasFamily(lists, false);
        this.v6 = (rule.ipVersion() == null || rule.ipVersion() == 6) && hasFamily(lists, true);
    }

    private static boolean hasFamily(List<List<String>> lists, boolean v6) {
        for (List<String> l : lists) {
            if (!l.isEmpty() && l.stream().map(Cidr::parse).noneMatch(c -> c != null && c.v6() == v6)) {
                return false;
            }
        }
        return true;
    }

    boolean matches(FlowContext f) {
        if (f.v6 ? !v6 : !v4) {
            return false;
        }
        if (protocol >= 0 && f.protocol != protocol) {
            return false;
        }
        if (notProtocol >= 0 && f.protocol == notProtocol) {
            return false;
        }
        if (icmp != null && !icmpMatches(icmp, f)) {
            return false;
        }
        if (notIcmp != null && icmpMatches(notIcmp, f)) {
            return false;
        }
        return source.matches(f.srcIp, f.srcPod, f.srcNetsets, f.protocol, f.srcPort, f.index)
                && destination.matches(f.dstIp, f.dstPod, f.dstNetsets, f.protocol, f.dstPort, f.index);
    }

    private static boolean icmpMatches(IcmpMatch m, FlowContext f) {
        if (f.icmpType < 0) {
            return false;
        }
        return (m.type() == null || m.type() == f.icmpType) && (m.code() == null || m.code() == f.icmpCode);
    }

    /** Peers resolved through this side (for impact analysis). */
    void collectPeers(List<PeerMatcher> out) {
        if (source.peer != null) {
            out.add(source.peer);
        }
        if (destination.peer != null) {
            out.add(destination.peer);
        }
    }

    /** The {@code source} or {@code destination} of a rule. */
    static final class Side {
        final Cidr[] nets;
        final Cidr[] notNets;
        final Port.Range[] ranges;
        final String[] names;
        final Port.Range[] notRanges;
        final String[] notNames;
        final boolean hasPorts;
        final boolean services;
        final @Nullable PeerMatcher peer;

        Side(EntityRule e, @Nullable String policyNamespace, MemberCache cache) {
            this.nets =
                    e.nets().stream().map(Cidr::parse).filter(c -> c != null).toArray(Cidr[]::new);
            this.notNets =
                    e.notNets().stream().map(Cidr::parse).filter(c -> c != null).toArray(Cidr[]::new);
            this.ranges = ranges(e.ports());
            this.names = names(e.ports());
            this.notRanges = ranges(e.notPorts());
            this.notNames = names(e.notPorts());
            this.hasPorts = !e.ports().isEmpty();
            this.services = e.services() != null;
            this.peer = peer(e, policyNamespace, cache);
        }

        private static Port.Range[] ranges(List<Port> ports) {
            return ports.stream().filter(p -> p instanceof Port.Range).toArray(Port.Range[]::new);
        }

        private static String[] names(List<Port> ports) {
            return ports.stream()
                    .filter(p -> p instanceof Port.Named)
                    .map(p -> ((Port.Named) p).name())
                    .toArray(String[]::new);
        }

        private static @Nullable Selector parse(@Nullable String s) {
            return s == null || s.isBlank() ? null : Selectors.parseOrThrow(s);
        }

        /** Scoping of calico-semantics §2.8. */
        static @Nullable PeerMatcher peer(EntityRule e, @Nullable String policyNamespace, MemberCache cache) {
            Selector s = parse(e.selector());
            Selector x = parse(e.notSelector());
            HashSet<String> saNames = null;
            Selector saSelector = null;
            if (e.serviceAccounts() != null) {
                if (!e.serviceAccounts().names().isEmpty()) {
                    saNames = new HashSet<>(e.serviceAccounts().names());
                }
                saSelector = parse(e.serviceAccounts().selector());
            }
            boolean identity = s != null || saNames != null || saSelector != null;
            String nsText =
                    e.namespaceSelector() == null ? "" : e.namespaceSelector().trim();
            MemberSpec.Scope scope;
            Selector nsSelector = null;
            String namespace = null;
            if (nsText.isEmpty()) {
                if (policyNamespace != null && (identity || x != null)) {
                    scope = MemberSpec.Scope.NAMESPACE;
                    namespace = policyNamespace;
                } else {
                    scope = MemberSpec.Scope.EVERYTHING;
                }
            } else {
                Selector n = Selectors.parseOrThrow(nsText);
                if (n instanceof Selector.All) {
                    scope = MemberSpec.Scope.ANY_NAMESPACE;
                } else if (n instanceof Selector.Global) {
                    scope = MemberSpec.Scope.NON_NAMESPACED;
                } else {
                    scope = MemberSpec.Scope.NAMESPACE_SELECTOR;
                    nsSelector = n;
                }
            }
            if (identity || scope != MemberSpec.Scope.EVERYTHING) {
                return new PeerMatcher(
                        new MemberSpec(scope, namespace, nsSelector, s, saNames, saSelector, x), false, cache);
            }
            if (x != null) {
                return new PeerMatcher(
                        new MemberSpec(MemberSpec.Scope.EVERYTHING, null, null, x, null, null, null), true, cache);
            }
            return null;
        }

        /** {@code index}: the endpoints the flow was resolved against, for named ports. */
        boolean matches(
                dev.tierdeck.engine.model.@Nullable IpAddress ip,
                int pod,
                int[] netsets,
                int protocol,
                int port,
                Index index) {
            if (services) {
                // Service endpoints are not part of the cluster files: a services match finds nothing.
                return false;
            }
            if (nets.length > 0 && !inAny(nets, ip)) {
                return false;
            }
            if (notNets.length > 0 && ip != null && inAny(notNets, ip)) {
                return false;
            }
            if (peer != null && !peer.matches(pod, netsets)) {
                return false;
            }
            if (hasPorts && !portMatches(ranges, names, pod, protocol, port, index)) {
                return false;
            }
            return (notRanges.length == 0 && notNames.length == 0)
                    || port < 0
                    || !portMatches(notRanges, notNames, pod, protocol, port, index);
        }

        private static boolean inAny(Cidr[] cidrs, dev.tierdeck.engine.model.@Nullable IpAddress ip) {
            if (ip == null) {
                return false;
            }
            for (Cidr c : cidrs) {
                if (c.contains(ip)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Numeric entries test the port; named ones need the endpoint at this address to declare the name with this
         * protocol and number, and to be selected by the positive selector when there is one (§2.7).
         */
        private boolean portMatches(Port.Range[] ranges, String[] names, int pod, int protocol, int port, Index index) {
            if (port < 0) {
                return false;
            }
            for (Port.Range r : ranges) {
                if (r.contains(port)) {
                    return true;
                }
            }
            if (names.length == 0 || pod < 0) {
                return false;
            }
            if (peer != null && !peer.negated() && !peer.members().pods().get(pod)) {
                return false;
            }
            for (String n : names) {
                if (index.declaresNamedPort(pod, n, protocol, port)) {
                    return true;
                }
            }
            return false;
        }
    }

    static List<CompiledRule> compile(List<Rule> rules, @Nullable String ns, MemberCache cache) {
        List<CompiledRule> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            out.add(new CompiledRule(rules.get(i), i, ns, cache));
        }
        return out;
    }
}
