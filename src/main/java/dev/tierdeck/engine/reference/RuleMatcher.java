package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.IcmpMatch;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.selector.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether one rule matches one packet (calico-semantics §2.6–§2.8), checking every criterion literally and
 * resolving selectors by scanning all members for the packet's IP.
 */
final class RuleMatcher {

    /** The packet as rules see it; source and destination are packet addresses, not local/remote. */
    record Packet(
            byte[] sourceIp,
            byte[] destinationIp,
            int family,
            Protocol protocol,
            @Nullable Integer sourcePort,
            @Nullable Integer destinationPort,
            @Nullable Integer icmpType,
            @Nullable Integer icmpCode) {}

    private final List<Member> members;

    RuleMatcher(List<Member> members) {
        this.members = members;
    }

    boolean matches(RefPolicy policy, Rule rule, Packet packet) {
        if (rule.ipVersion() != null && rule.ipVersion() != packet.family()) {
            return false;
        }
        // A rule with CIDRs is dropped for an IP family none of a CIDR list belongs to (§2.6, §7.11).
        for (List<String> cidrs : List.of(
                rule.source().nets(),
                rule.source().notNets(),
                rule.destination().nets(),
                rule.destination().notNets())) {
            if (!cidrs.isEmpty() && cidrs.stream().noneMatch(c -> Ip.family(c) == packet.family())) {
                return false;
            }
        }
        if (rule.protocol() != null
                && rule.protocol().number() != packet.protocol().number()) {
            return false;
        }
        if (rule.notProtocol() != null
                && rule.notProtocol().number() == packet.protocol().number()) {
            return false;
        }
        if (rule.icmp() != null && !icmpMatches(rule.icmp(), packet)) {
            return false;
        }
        if (rule.notICMP() != null && icmpMatches(rule.notICMP(), packet)) {
            return false;
        }
        // http criteria are not enforced at L3/L4 (§2.6, §7.18).
        return entityMatches(policy, rule.source(), packet.sourceIp(), packet.sourcePort(), packet.protocol())
                && entityMatches(
                        policy,
                        rule.destination(),
                        packet.destinationIp(),
                        packet.destinationPort(),
                        packet.protocol());
    }

    private static boolean icmpMatches(IcmpMatch icmp, Packet packet) {
        if (packet.icmpType() == null || !packet.protocol().isIcmp()) {
            return false;
        }
        if (icmp.type() != null && !icmp.type().equals(packet.icmpType())) {
            return false;
        }
        return icmp.code() == null || icmp.code().equals(packet.icmpCode());
    }

    private boolean entityMatches(
            RefPolicy policy, EntityRule entity, byte[] ip, @Nullable Integer port, Protocol protocol) {
        if (!entity.nets().isEmpty() && entity.nets().stream().noneMatch(c -> Ip.inCidr(ip, c))) {
            return false;
        }
        if (entity.notNets().stream().anyMatch(c -> Ip.inCidr(ip, c))) {
            return false;
        }
        if (entity.services() != null) {
            // Services match their EndpointSlice addresses, which a cluster file does not carry: nothing matches.
            return false;
        }
        Predicate<Member> positive = positiveSelector(policy, entity);
        if (positive != null) {
            if (members.stream().noneMatch(m -> m.contains(ip) && positive.test(m))) {
                return false;
            }
        } else if (!RefPolicy.blank(entity.notSelector())) {
            // notSelector alone in a global policy: anything except the IPs of the members it selects (§2.8).
            Selector not = RefPolicy.parse(entity.notSelector());
            if (members.stream().anyMatch(m -> m.contains(ip) && not.matches(m.labels()))) {
                return false;
            }
        }
        if (!entity.ports().isEmpty()
                && entity.ports().stream().noneMatch(p -> portMatches(p, ip, port, protocol, positive))) {
            return false;
        }
        return entity.notPorts().stream().noneMatch(p -> portMatches(p, ip, port, protocol, positive));
    }

    /**
     * A numeric entry tests the port; a named entry asks whether some pod with this IP (and matching the rule's
     * positive selector, if any) declares that name with this port and protocol (§2.7).
     */
    private boolean portMatches(
            Port entry, byte[] ip, @Nullable Integer port, Protocol protocol, @Nullable Predicate<Member> positive) {
        if (port == null) {
            return false;
        }
        return switch (entry) {
            case Port.Range range -> range.contains(port);
            case Port.Named named ->
                members.stream()
                        .filter(m -> m.pod() != null && m.contains(ip) && (positive == null || positive.test(m)))
                        .flatMap(m -> m.ports().stream())
                        .anyMatch(p -> declares(p, named.name(), port, protocol));
        };
    }

    private static boolean declares(ContainerPort declared, String name, int port, Protocol protocol) {
        return name.equals(declared.name())
                && declared.port() == port
                && declared.protocol().number() == protocol.number();
    }

    /**
     * The selector a peer must match after Calico's scoping (§2.8), with notSelector folded in, or {@code null}
     * when the entity has no positive selector at all.
     */
    static @Nullable Predicate<Member> positiveSelector(RefPolicy policy, EntityRule entity) {
        List<Predicate<Member>> parts = new ArrayList<>();
        boolean hasSelector = !RefPolicy.blank(entity.selector());
        boolean hasNot = !RefPolicy.blank(entity.notSelector());
        boolean hasServiceAccounts = entity.serviceAccounts() != null
                && (!entity.serviceAccounts().names().isEmpty()
                        || !RefPolicy.blank(entity.serviceAccounts().selector()));
        if (hasSelector) {
            Selector s = RefPolicy.parse(entity.selector());
            parts.add(m -> s.matches(m.labels()));
        }
        if (hasServiceAccounts) {
            List<String> names = entity.serviceAccounts().names();
            if (!names.isEmpty()) {
                parts.add(m -> {
                    String account = m.labels().get(Member.SERVICE_ACCOUNT);
                    return account != null && names.contains(account);
                });
            }
            if (!RefPolicy.blank(entity.serviceAccounts().selector())) {
                Selector sa = RefPolicy.parse(entity.serviceAccounts().selector());
                parts.add(
                        sa instanceof Selector.All
                                ? m -> m.labels().get(Member.SERVICE_ACCOUNT) != null
                                : m -> sa.matches(m.under(Member.SERVICE_ACCOUNT_PREFIX)));
            }
        }
        if (!RefPolicy.blank(entity.namespaceSelector())) {
            Selector ns = RefPolicy.parse(entity.namespaceSelector());
            parts.add(
                    switch (ns) {
                        // global() as the whole namespaceSelector: non-namespaced peers only (§3.2).
                        case Selector.Global g -> m -> m.labels().get(Member.NAMESPACE) == null;
                        case Selector.All a -> m -> m.labels().get(Member.NAMESPACE) != null;
                        default -> m -> ns.matches(m.under(Member.NAMESPACE_PREFIX));
                    });
        } else if (policy.namespaced() && (hasSelector || hasNot || hasServiceAccounts)) {
            String namespace = policy.namespace();
            parts.add(m -> namespace.equals(m.labels().get(Member.NAMESPACE)));
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (hasNot) {
            Selector not = RefPolicy.parse(entity.notSelector());
            parts.add(m -> !not.matches(m.labels()));
        }
        return m -> parts.stream().allMatch(part -> part.test(m));
    }
}
