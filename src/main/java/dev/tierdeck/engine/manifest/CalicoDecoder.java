package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.HttpMatch;
import dev.tierdeck.engine.model.IcmpMatch;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.ServiceAccountMatch;
import dev.tierdeck.engine.model.ServiceMatch;
import dev.tierdeck.engine.model.StagedAction;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Decodes and validates the four {@code projectcalico.org/v3} policy kinds (calico-semantics §1.3–1.5). */
final class CalicoDecoder {

    private static final Set<String> COMMON_SPEC = Set.of(
            "tier", "order", "selector", "types", "ingress", "egress", "serviceAccountSelector", "performanceHints");
    private static final Set<String> GLOBAL_SPEC =
            Set.of("namespaceSelector", "doNotTrack", "preDNAT", "applyOnForward");
    private static final Set<String> RULE_FIELDS = Set.of(
            "action",
            "ipVersion",
            "protocol",
            "notProtocol",
            "icmp",
            "notICMP",
            "source",
            "destination",
            "http",
            "metadata");
    private static final Set<String> ENTITY_FIELDS = Set.of(
            "nets",
            "notNets",
            "selector",
            "notSelector",
            "namespaceSelector",
            "ports",
            "notPorts",
            "serviceAccounts",
            "services");

    private final Document d;

    CalicoDecoder(Document d) {
        this.d = d;
    }

    @Nullable
    CalicoPolicy policy(
            PolicyKind kind,
            String name,
            @Nullable String namespace,
            Map<String, Object> meta,
            Map<String, Object> spec) {
        int before = d.errors.size();
        Map<String, String> labels = d.labels(meta, "labels", "metadata.labels");
        // the API server refuses other labels: refused here, before anything is stored
        labels.forEach((key, value) -> {
            if (!Checks.isLabelKey(key)) {
                d.error(
                        "metadata.labels",
                        "'" + key + "' is not a valid label key (a name of at most 63 letters, digits,"
                                + " '-', '_' or '.', optionally after a DNS prefix and '/')");
            } else if (!Checks.isLabelValue(value)) {
                d.error(
                        "metadata.labels." + key,
                        "'" + value + "' is not a valid label value (at most 63 letters,"
                                + " digits, '-', '_' or '.', starting and ending with a letter or digit)");
            }
        });
        boolean global = !kind.namespaced();
        if (global ? !Checks.isGlobalPolicyName(name) : !Checks.isNamespacedPolicyName(name)) {
            d.error(
                    "metadata.name",
                    "'" + name + "' is not a valid " + kind + " name (a DNS-1123 label, or two"
                            + " labels joined by one dot)");
        }
        java.util.HashSet<String> known = new java.util.HashSet<>(COMMON_SPEC);
        if (global) {
            known.addAll(GLOBAL_SPEC);
        }
        if (kind.staged()) {
            known.add("stagedAction");
        }
        d.unknownFields(spec, known, "spec");

        String tier = d.string(spec, "tier", "spec.tier");
        if (tier == null || tier.isEmpty()) {
            tier = Tier.DEFAULT;
        } else if (!Checks.isDnsLabel(tier)) {
            d.error("spec.tier", "'" + tier + "' is not a valid tier name");
        }
        Double order = d.number(spec, "order", "spec.order");
        String selector = d.string(spec, "selector", "spec.selector");
        Checks.selector(d, selector, "spec.selector", false);
        String saSelector = d.string(spec, "serviceAccountSelector", "spec.serviceAccountSelector");
        Checks.selector(d, saSelector, "spec.serviceAccountSelector", false);
        String nsSelector = null;
        boolean doNotTrack = false;
        boolean preDnat = false;
        boolean applyOnForward = false;
        if (global) {
            nsSelector = d.string(spec, "namespaceSelector", "spec.namespaceSelector");
            Checks.selector(d, nsSelector, "spec.namespaceSelector", false);
            doNotTrack = d.bool(spec, "doNotTrack", "spec.doNotTrack");
            preDnat = d.bool(spec, "preDNAT", "spec.preDNAT");
            applyOnForward = d.bool(spec, "applyOnForward", "spec.applyOnForward");
            if (doNotTrack && preDnat) {
                d.error("spec.preDNAT", "preDNAT and doNotTrack cannot both be true");
            }
            if ((doNotTrack || preDnat) && !applyOnForward) {
                d.error("spec.applyOnForward", "must be true when doNotTrack or preDNAT is set");
            }
        }
        List<PolicyType> types = types(spec);
        List<Rule> ingress = rules(spec, "ingress", true);
        List<Rule> egress = rules(spec, "egress", false);
        if (preDnat && (!egress.isEmpty() || (types != null && types.contains(PolicyType.Egress)))) {
            d.error("spec.preDNAT", "a preDNAT policy cannot have egress rules or the Egress type");
        }
        StagedAction staged = null;
        if (kind.staged()) {
            staged = stagedAction(spec);
            if (staged == StagedAction.Delete) {
                for (String k : spec.keySet()) {
                    if (!k.equals("tier") && !k.equals("stagedAction") && !isZero(spec.get(k))) {
                        d.error("spec." + k, "must be empty when stagedAction is Delete (only tier may be set)");
                    }
                }
            }
        }
        if (d.errors.size() > before) {
            return null;
        }
        return new CalicoPolicy(
                kind,
                namespace,
                name,
                tier,
                order,
                selector == null ? "" : selector,
                nsSelector,
                saSelector,
                types,
                ingress,
                egress,
                staged,
                doNotTrack,
                preDnat,
                applyOnForward,
                labels);
    }

    private static boolean isZero(@Nullable Object v) {
        return v == null
                || (v instanceof String s && s.isEmpty())
                || (v instanceof List<?> l && l.isEmpty())
                || (v instanceof Map<?, ?> m && m.isEmpty())
                || Boolean.FALSE.equals(v);
    }

    @Nullable
    StagedAction stagedAction(Map<String, Object> spec) {
        String s = d.string(spec, "stagedAction", "spec.stagedAction");
        if (s == null) {
            return null;
        }
        for (StagedAction a : StagedAction.values()) {
            if (a.name().equals(s)) {
                return a;
            }
        }
        d.error("spec.stagedAction", "'" + s + "' is not one of Set, Delete, Learn, Ignore");
        return null;
    }

    private @Nullable List<PolicyType> types(Map<String, Object> spec) {
        if (!spec.containsKey("types") || spec.get("types") == null) {
            return null;
        }
        List<PolicyType> out = new ArrayList<>();
        List<String> raw = d.strings(spec, "types", "spec.types");
        for (int i = 0; i < raw.size(); i++) {
            PolicyType t = policyType(raw.get(i));
            if (t == null) {
                d.error("spec.types[" + i + "]", "'" + raw.get(i) + "' is not Ingress or Egress");
            } else if (out.contains(t)) {
                d.error("spec.types[" + i + "]", "duplicate type " + t);
            } else {
                out.add(t);
            }
        }
        // An explicit empty list is defaulted like an omitted one (calico-semantics §1.7).
        return out.isEmpty() ? null : out;
    }

    static @Nullable PolicyType policyType(String s) {
        return switch (s) {
            case "Ingress" -> PolicyType.Ingress;
            case "Egress" -> PolicyType.Egress;
            default -> null;
        };
    }

    private List<Rule> rules(Map<String, Object> spec, String key, boolean ingress) {
        List<Rule> out = new ArrayList<>();
        List<Map<String, Object>> raw = d.objects(spec, key, "spec." + key);
        for (int i = 0; i < raw.size(); i++) {
            Rule r = rule(raw.get(i), "spec." + key + "[" + i + "]", ingress);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private @Nullable Rule rule(Map<String, Object> m, String path, boolean ingress) {
        d.unknownFields(m, RULE_FIELDS, path);
        String a = d.string(m, "action", path + ".action");
        RuleAction action = null;
        if (a == null) {
            d.error(path + ".action", "is required (Allow, Deny, Log or Pass)");
        } else {
            for (RuleAction ra : RuleAction.values()) {
                if (ra.name().equals(a)) {
                    action = ra;
                }
            }
            if (action == null) {
                d.error(path + ".action", "'" + a + "' is not one of Allow, Deny, Log, Pass");
            }
        }
        Integer ipVersion = d.integer(m, "ipVersion", path + ".ipVersion");
        if (ipVersion != null && ipVersion != 4 && ipVersion != 6) {
            d.error(path + ".ipVersion", "must be 4 or 6, not " + ipVersion);
        }
        Protocol protocol = protocol(m, "protocol", path);
        Protocol notProtocol = protocol(m, "notProtocol", path);
        IcmpMatch icmp = icmp(m, "icmp", path, protocol, ipVersion);
        IcmpMatch notIcmp = icmp(m, "notICMP", path, protocol, ipVersion);
        if (protocol != null && protocol.number() == 1 && Integer.valueOf(6).equals(ipVersion)) {
            d.error(path + ".ipVersion", "protocol ICMP requires ipVersion 4");
        }
        if (protocol != null && protocol.number() == 58 && Integer.valueOf(4).equals(ipVersion)) {
            d.error(path + ".ipVersion", "protocol ICMPv6 requires ipVersion 6");
        }
        EntityRule source = entity(d.map(m, "source", path + ".source"), path + ".source", protocol);
        EntityRule destination =
                entity(d.map(m, "destination", path + ".destination"), path + ".destination", protocol);
        checkFamilies(source, destination, path);
        if (source.services() != null && !ingress) {
            d.error(path + ".source.services", "services in source are only allowed in ingress rules");
        }
        if (destination.services() != null && ingress) {
            d.error(path + ".destination.services", "services in destination are only allowed in egress rules");
        }
        HttpMatch http = http(m, path);
        if (http != null) {
            if (!ingress) {
                d.error(path + ".http", "http match is not allowed in egress rules");
            }
            if (action != null && action != RuleAction.Allow) {
                d.error(path + ".http", "http match is only allowed on Allow rules");
            }
            if (protocol != null && protocol.number() != 6) {
                d.error(path + ".http", "http match requires protocol TCP or no protocol");
            }
        }
        if (action == null) {
            return null;
        }
        return new Rule(action, ipVersion, protocol, notProtocol, icmp, notIcmp, source, destination, http);
    }

    private @Nullable Protocol protocol(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        Protocol p = v instanceof Integer n ? Protocol.of(n) : v instanceof String s ? Protocol.parse(s) : null;
        if (p == null) {
            d.error(path + "." + key, "'" + v + "' is not a protocol (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1-255)");
        }
        return p;
    }

    private @Nullable IcmpMatch icmp(
            Map<String, Object> m, String key, String path, @Nullable Protocol protocol, @Nullable Integer ipVersion) {
        if (m.get(key) == null) {
            return null;
        }
        Map<String, Object> im = d.map(m, key, path + "." + key);
        d.unknownFields(im, Set.of("type", "code"), path + "." + key);
        Integer type = d.integer(im, "type", path + "." + key + ".type");
        Integer code = d.integer(im, "code", path + "." + key + ".code");
        if (type != null && (type < 0 || type > 254)) {
            d.error(path + "." + key + ".type", "must be between 0 and 254, not " + type);
        }
        if (code != null && (code < 0 || code > 255)) {
            d.error(path + "." + key + ".code", "must be between 0 and 255, not " + code);
        }
        if (code != null && type == null) {
            d.error(path + "." + key + ".code", "an ICMP code requires an ICMP type");
        }
        if (protocol == null || !protocol.isIcmp()) {
            d.error(path + "." + key, "requires protocol ICMP or ICMPv6");
        }
        return new IcmpMatch(type, code);
    }

    private @Nullable HttpMatch http(Map<String, Object> m, String path) {
        if (m.get("http") == null) {
            return null;
        }
        Map<String, Object> hm = d.map(m, "http", path + ".http");
        d.unknownFields(hm, Set.of("methods", "paths"), path + ".http");
        List<String> methods = d.strings(hm, "methods", path + ".http.methods");
        List<Map<String, String>> paths = new ArrayList<>();
        List<Map<String, Object>> raw = d.objects(hm, "paths", path + ".http.paths");
        for (int i = 0; i < raw.size(); i++) {
            Map<String, String> p = d.labels(Map.of("p", raw.get(i)), "p", path + ".http.paths[" + i + "]");
            if (p.size() != 1 || !(p.containsKey("exact") || p.containsKey("prefix"))) {
                d.error(path + ".http.paths[" + i + "]", "must have exactly one of exact or prefix");
            }
            paths.add(new LinkedHashMap<>(p));
        }
        return new HttpMatch(methods, paths);
    }

    private EntityRule entity(Map<String, Object> m, String path, @Nullable Protocol protocol) {
        if (m.isEmpty()) {
            return EntityRule.EMPTY;
        }
        d.unknownFields(m, ENTITY_FIELDS, path);
        List<String> nets = nets(m, "nets", path);
        List<String> notNets = nets(m, "notNets", path);
        for (int i = 0; i < notNets.size(); i++) {
            Cidr c = Cidr.parse(notNets.get(i));
            if (c != null && c.isCatchAll()) {
                d.error(path + ".notNets[" + i + "]", "'" + notNets.get(i) + "' (everything) cannot be negated");
            }
        }
        String selector = d.string(m, "selector", path + ".selector");
        Checks.selector(d, selector, path + ".selector", false);
        String notSelector = d.string(m, "notSelector", path + ".notSelector");
        Checks.selector(d, notSelector, path + ".notSelector", false);
        String nsSelector = d.string(m, "namespaceSelector", path + ".namespaceSelector");
        Checks.selector(d, nsSelector, path + ".namespaceSelector", true);
        List<Port> ports = ports(m, "ports", path, protocol);
        List<Port> notPorts = ports(m, "notPorts", path, protocol);
        ServiceAccountMatch sa = null;
        if (m.get("serviceAccounts") != null) {
            Map<String, Object> sm = d.map(m, "serviceAccounts", path + ".serviceAccounts");
            d.unknownFields(sm, Set.of("names", "selector"), path + ".serviceAccounts");
            String sel = d.string(sm, "selector", path + ".serviceAccounts.selector");
            Checks.selector(d, sel, path + ".serviceAccounts.selector", false);
            sa = new ServiceAccountMatch(d.strings(sm, "names", path + ".serviceAccounts.names"), sel);
        }
        ServiceMatch services = null;
        if (m.get("services") != null) {
            Map<String, Object> sm = d.map(m, "services", path + ".services");
            String name = d.string(sm, "name", path + ".services.name");
            if (name == null || name.isEmpty()) {
                d.error(path + ".services.name", "is required");
            }
            services =
                    new ServiceMatch(name == null ? "" : name, d.string(sm, "namespace", path + ".services.namespace"));
            for (String k :
                    List.of("selector", "notSelector", "namespaceSelector", "nets", "notNets", "serviceAccounts")) {
                if (m.get(k) != null) {
                    d.error(path + "." + k, "cannot be combined with services");
                }
            }
            if (path.endsWith("destination") && (!ports.isEmpty() || !notPorts.isEmpty())) {
                d.error(path + ".ports", "destination ports cannot be combined with services");
            }
        }
        return new EntityRule(nets, notNets, selector, notSelector, nsSelector, ports, notPorts, sa, services);
    }

    private List<String> nets(Map<String, Object> m, String key, String path) {
        List<String> out = d.strings(m, key, path + "." + key);
        for (int i = 0; i < out.size(); i++) {
            Checks.cidr(d, out.get(i), path + "." + key + "[" + i + "]");
        }
        return out;
    }

    /** A rule must not mix IPv4 and IPv6 CIDRs across its nets and notNets (calico-semantics §1.3, §7.11). */
    private void checkFamilies(EntityRule source, EntityRule destination, String path) {
        Boolean v6 = null;
        List<List<String>> all = List.of(source.nets(), source.notNets(), destination.nets(), destination.notNets());
        for (List<String> nets : all) {
            for (String n : nets) {
                Cidr c = Cidr.parse(n);
                if (c == null) {
                    continue;
                }
                if (v6 == null) {
                    v6 = c.v6();
                } else if (v6 != c.v6()) {
                    d.error(path, "a rule cannot mix IPv4 and IPv6 CIDRs ('" + n + "')");
                    return;
                }
            }
        }
    }

    private List<Port> ports(Map<String, Object> m, String key, String path, @Nullable Protocol protocol) {
        List<Port> out = new ArrayList<>();
        List<Object> raw = d.list(m, key, path + "." + key);
        for (int i = 0; i < raw.size(); i++) {
            String p = path + "." + key + "[" + i + "]";
            Port port = port(d, raw.get(i), p);
            if (port == null) {
                continue;
            }
            out.add(port);
            if (port instanceof Port.Range && (protocol == null || !protocol.supportsPorts())) {
                d.error(
                        p,
                        "numeric ports need protocol TCP, UDP or SCTP"
                                + (protocol == null ? " (no protocol is set)" : " (protocol is " + protocol + ")"));
            } else if (port instanceof Port.Named && protocol != null && !protocol.supportsPorts()) {
                d.error(p, "named ports need protocol TCP, UDP, SCTP or no protocol (protocol is " + protocol + ")");
            }
        }
        return out;
    }

    /** One Calico port entry: a number, {@code "start:end"} or a port name (1–65535, start <= end). */
    static @Nullable Port port(Document d, @Nullable Object v, String path) {
        if (v instanceof Integer n) {
            if (n < 1 || n > 65535) {
                d.error(path, "port " + n + " is out of range 1-65535");
                return null;
            }
            return Port.Range.of(n);
        }
        if (!(v instanceof String s)) {
            d.error(path, "must be a port number, a 'start:end' range or a port name, not " + Document.describe(v));
            return null;
        }
        if (s.matches("[0-9]+(:[0-9]+)?")) {
            String[] parts = s.split(":");
            long first = parts[0].length() > 6 ? Long.MAX_VALUE : Long.parseLong(parts[0]);
            long last = parts.length == 1 ? first : parts[1].length() > 6 ? Long.MAX_VALUE : Long.parseLong(parts[1]);
            if (first < 1 || first > 65535 || last < 1 || last > 65535) {
                d.error(path, "port '" + s + "' is out of range 1-65535");
                return null;
            }
            if (first > last) {
                d.error(path, "port range '" + s + "' has its start after its end");
                return null;
            }
            return new Port.Range((int) first, (int) last);
        }
        if (!Checks.isPortName(s)) {
            d.error(path, "'" + s + "' is not a port number, a 'start:end' range or a valid port name");
            return null;
        }
        return new Port.Named(s);
    }
}
