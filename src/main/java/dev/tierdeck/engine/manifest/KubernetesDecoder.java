package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.IpBlock;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.StagedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes Kubernetes NetworkPolicy, Calico's StagedKubernetesNetworkPolicy and the v1alpha2 ClusterNetworkPolicy.
 */
final class KubernetesDecoder {

    private static final Set<String> KNP_SPEC = Set.of("podSelector", "policyTypes", "ingress", "egress");
    private static final Set<String> CNP_SPEC = Set.of("tier", "priority", "subject", "ingress", "egress");

    private final Document d;

    KubernetesDecoder(Document d) {
        this.d = d;
    }

    @Nullable
    KubernetesNetworkPolicy networkPolicy(String name, String namespace, Map<String, Object> spec, boolean staged) {
        int before = d.errors.size();
        if (!Checks.isDnsSubdomain(name)) {
            d.error("metadata.name", "'" + name + "' is not a valid name (a DNS-1123 subdomain)");
        }
        java.util.HashSet<String> known = new java.util.HashSet<>(KNP_SPEC);
        StagedAction stagedAction = null;
        if (staged) {
            known.add("stagedAction");
            stagedAction = new CalicoDecoder(d).stagedAction(spec);
        }
        d.unknownFields(spec, known, "spec");
        LabelSelector podSelector = labelSelector(spec, "podSelector", "spec.podSelector");
        List<PolicyType> types = null;
        if (spec.get("policyTypes") != null) {
            types = new ArrayList<>();
            List<String> raw = d.strings(spec, "policyTypes", "spec.policyTypes");
            for (int i = 0; i < raw.size(); i++) {
                PolicyType t = CalicoDecoder.policyType(raw.get(i));
                if (t == null) {
                    d.error("spec.policyTypes[" + i + "]", "'" + raw.get(i) + "' is not Ingress or Egress");
                } else if (!types.contains(t)) {
                    types.add(t);
                }
            }
        }
        List<KubernetesRule> ingress = rules(spec, "ingress", "from");
        List<KubernetesRule> egress = rules(spec, "egress", "to");
        if (stagedAction == StagedAction.Delete) {
            for (String k : List.of("podSelector", "policyTypes", "ingress", "egress")) {
                Object v = spec.get(k);
                if (v != null
                        && !(v instanceof Map<?, ?> m && m.isEmpty())
                        && !(v instanceof List<?> l && l.isEmpty())) {
                    d.error("spec." + k, "must be empty when stagedAction is Delete");
                }
            }
        }
        if (d.errors.size() > before) {
            return null;
        }
        return new KubernetesNetworkPolicy(
                namespace,
                name,
                staged,
                stagedAction,
                podSelector == null ? LabelSelector.EVERYTHING : podSelector,
                types,
                ingress,
                egress);
    }

    private List<KubernetesRule> rules(Map<String, Object> spec, String key, String peersKey) {
        List<KubernetesRule> out = new ArrayList<>();
        List<Map<String, Object>> raw = d.objects(spec, key, "spec." + key);
        for (int i = 0; i < raw.size(); i++) {
            String path = "spec." + key + "[" + i + "]";
            Map<String, Object> r = raw.get(i);
            d.unknownFields(r, Set.of(peersKey, "ports"), path);
            List<KubernetesPeer> peers = new ArrayList<>();
            List<Map<String, Object>> rawPeers = d.objects(r, peersKey, path + "." + peersKey);
            for (int j = 0; j < rawPeers.size(); j++) {
                peers.add(peer(rawPeers.get(j), path + "." + peersKey + "[" + j + "]"));
            }
            List<KubernetesPort> ports = new ArrayList<>();
            List<Map<String, Object>> rawPorts = d.objects(r, "ports", path + ".ports");
            for (int j = 0; j < rawPorts.size(); j++) {
                ports.add(port(rawPorts.get(j), path + ".ports[" + j + "]"));
            }
            out.add(new KubernetesRule(peers, ports));
        }
        return out;
    }

    private KubernetesPeer peer(Map<String, Object> m, String path) {
        d.unknownFields(m, Set.of("podSelector", "namespaceSelector", "ipBlock"), path);
        LabelSelector pods = labelSelector(m, "podSelector", path + ".podSelector");
        LabelSelector namespaces = labelSelector(m, "namespaceSelector", path + ".namespaceSelector");
        IpBlock ipBlock = null;
        if (m.get("ipBlock") != null) {
            Map<String, Object> b = d.map(m, "ipBlock", path + ".ipBlock");
            String cidr = d.string(b, "cidr", path + ".ipBlock.cidr");
            if (cidr == null) {
                d.error(path + ".ipBlock.cidr", "is required");
                cidr = "";
            }
            Cidr c = Checks.cidr(d, cidr, path + ".ipBlock.cidr");
            List<String> except = d.strings(b, "except", path + ".ipBlock.except");
            for (int i = 0; i < except.size(); i++) {
                Cidr e = Checks.cidr(d, except.get(i), path + ".ipBlock.except[" + i + "]");
                if (c != null
                        && e != null
                        && (e.v6() != c.v6() || !c.contains(e.address()) || e.prefix() < c.prefix())) {
                    d.error(path + ".ipBlock.except[" + i + "]", "'" + except.get(i) + "' is not inside " + cidr);
                }
            }
            ipBlock = new IpBlock(cidr, except);
            if (pods != null || namespaces != null) {
                d.error(path, "ipBlock cannot be combined with podSelector or namespaceSelector");
            }
        }
        if (pods == null && namespaces == null && ipBlock == null) {
            d.error(path, "a peer needs podSelector, namespaceSelector or ipBlock");
        }
        return new KubernetesPeer(pods, namespaces, ipBlock);
    }

    private KubernetesPort port(Map<String, Object> m, String path) {
        d.unknownFields(m, Set.of("protocol", "port", "endPort"), path);
        Protocol protocol = null;
        String p = d.string(m, "protocol", path + ".protocol");
        if (p != null) {
            protocol = switch (p) {
                case "TCP" -> Protocol.TCP;
                case "UDP" -> Protocol.UDP;
                case "SCTP" -> Protocol.SCTP;
                default -> {
                    d.error(path + ".protocol", "'" + p + "' is not TCP, UDP or SCTP");
                    yield null;
                }
            };
        }
        Port port = null;
        Object raw = m.get("port");
        if (raw instanceof Integer n) {
            port = CalicoDecoder.port(d, n, path + ".port");
        } else if (raw instanceof String s) {
            if (s.matches("[0-9]+")) {
                port = CalicoDecoder.port(d, s, path + ".port");
            } else if (Checks.isPortName(s)) {
                port = new Port.Named(s);
            } else {
                d.error(path + ".port", "'" + s + "' is not a port number or a valid port name");
            }
        } else if (raw != null) {
            d.error(path + ".port", "must be a port number or name, not " + Document.describe(raw));
        }
        Integer endPort = d.integer(m, "endPort", path + ".endPort");
        if (endPort != null) {
            if (!(port instanceof Port.Range r)) {
                d.error(path + ".endPort", "endPort needs a numeric port");
            } else if (endPort < r.first() || endPort > 65535) {
                d.error(path + ".endPort", "endPort " + endPort + " must be between port " + r.first() + " and 65535");
            }
        }
        return new KubernetesPort(protocol, port, endPort);
    }

    /** A Kubernetes label selector at {@code key}; {@code null} when absent. */
    @Nullable
    LabelSelector labelSelector(Map<String, Object> m, String key, String path) {
        if (m.get(key) == null) {
            return null;
        }
        Map<String, Object> s = d.map(m, key, path);
        d.unknownFields(s, Set.of("matchLabels", "matchExpressions"), path);
        Map<String, String> labels = d.labels(s, "matchLabels", path + ".matchLabels");
        List<LabelSelector.Requirement> reqs = new ArrayList<>();
        List<Map<String, Object>> raw = d.objects(s, "matchExpressions", path + ".matchExpressions");
        for (int i = 0; i < raw.size(); i++) {
            String p = path + ".matchExpressions[" + i + "]";
            String k = d.string(raw.get(i), "key", p + ".key");
            String op = d.string(raw.get(i), "operator", p + ".operator");
            List<String> values = d.strings(raw.get(i), "values", p + ".values");
            if (k == null || k.isEmpty()) {
                d.error(p + ".key", "is required");
                continue;
            }
            if (op == null || !Set.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
                d.error(p + ".operator", "'" + op + "' is not In, NotIn, Exists or DoesNotExist");
                continue;
            }
            boolean needsValues = op.equals("In") || op.equals("NotIn");
            if (needsValues && values.isEmpty()) {
                d.error(p + ".values", "operator " + op + " needs at least one value");
            } else if (!needsValues && !values.isEmpty()) {
                d.error(p + ".values", "operator " + op + " takes no values");
            }
            reqs.add(new LabelSelector.Requirement(k, op, values));
        }
        return new LabelSelector(labels, reqs);
    }

    /**
     * A v1alpha2 ClusterNetworkPolicy; {@code null} on errors. An unknown tier or a missing subject is an error here
     * (Calico would silently drop such a policy, calico-semantics §6.2).
     */
    @Nullable
    ClusterNetworkPolicy clusterPolicy(String name, Map<String, Object> spec) {
        int before = d.errors.size();
        d.unknownFields(spec, CNP_SPEC, "spec");
        String tier = d.string(spec, "tier", "spec.tier");
        if (!"Admin".equals(tier) && !"Baseline".equals(tier)) {
            d.error("spec.tier", "must be Admin or Baseline, not " + (tier == null ? "missing" : "'" + tier + "'"));
        }
        Integer priority = d.integer(spec, "priority", "spec.priority");
        if (priority == null) {
            if (!spec.containsKey("priority")) {
                d.error("spec.priority", "is required (0-1000)");
            }
        } else if (priority < 0 || priority > 1000) {
            d.error("spec.priority", "must be between 0 and 1000, not " + priority);
        }
        Map<String, Object> subject = d.map(spec, "subject", "spec.subject");
        LabelSelector subjectNs = labelSelector(subject, "namespaces", "spec.subject.namespaces");
        ClusterNetworkPolicy.PodPeer subjectPods = pods(subject, "spec.subject");
        if ((subjectNs == null) == (subjectPods == null)) {
            d.error("spec.subject", "must set exactly one of namespaces or pods");
        }
        List<ClusterNetworkPolicy.ClusterRule> ingress = clusterRules(spec, "ingress", "from");
        List<ClusterNetworkPolicy.ClusterRule> egress = clusterRules(spec, "egress", "to");
        if (d.errors.size() > before) {
            return null;
        }
        return new ClusterNetworkPolicy(
                name, tier, priority, new ClusterNetworkPolicy.Subject(subjectNs, subjectPods), ingress, egress);
    }

    private ClusterNetworkPolicy.@Nullable PodPeer pods(Map<String, Object> m, String path) {
        if (m.get("pods") == null) {
            return null;
        }
        Map<String, Object> p = d.map(m, "pods", path + ".pods");
        d.unknownFields(p, Set.of("namespaceSelector", "podSelector"), path + ".pods");
        LabelSelector ns = labelSelector(p, "namespaceSelector", path + ".pods.namespaceSelector");
        LabelSelector pods = labelSelector(p, "podSelector", path + ".pods.podSelector");
        return new ClusterNetworkPolicy.PodPeer(
                ns == null ? LabelSelector.EVERYTHING : ns, pods == null ? LabelSelector.EVERYTHING : pods);
    }

    private List<ClusterNetworkPolicy.ClusterRule> clusterRules(Map<String, Object> spec, String key, String peersKey) {
        List<ClusterNetworkPolicy.ClusterRule> out = new ArrayList<>();
        List<Map<String, Object>> raw = d.objects(spec, key, "spec." + key);
        for (int i = 0; i < raw.size(); i++) {
            String path = "spec." + key + "[" + i + "]";
            Map<String, Object> r = raw.get(i);
            d.unknownFields(r, Set.of("name", "action", peersKey, "protocols"), path);
            String name = d.string(r, "name", path + ".name");
            String action = d.string(r, "action", path + ".action");
            if (!Set.of("Accept", "Deny", "Pass").contains(String.valueOf(action))) {
                d.error(
                        path + ".action",
                        "must be Accept, Deny or Pass, not " + (action == null ? "missing" : "'" + action + "'"));
            }
            List<ClusterNetworkPolicy.Peer> peers = new ArrayList<>();
            List<Map<String, Object>> rawPeers = d.objects(r, peersKey, path + "." + peersKey);
            if (rawPeers.isEmpty()) {
                d.error(path + "." + peersKey, "needs at least one peer");
            }
            for (int j = 0; j < rawPeers.size(); j++) {
                String pp = path + "." + peersKey + "[" + j + "]";
                Map<String, Object> pm = rawPeers.get(j);
                LabelSelector ns = labelSelector(pm, "namespaces", pp + ".namespaces");
                ClusterNetworkPolicy.PodPeer pods = pods(pm, pp);
                List<String> networks = List.of();
                if (key.equals("egress")) {
                    networks = d.strings(pm, "networks", pp + ".networks");
                    for (int n = 0; n < networks.size(); n++) {
                        Checks.cidr(d, networks.get(n), pp + ".networks[" + n + "]");
                    }
                }
                String unsupported =
                        pm.containsKey("nodes") ? "nodes" : pm.containsKey("domainNames") ? "domainNames" : null;
                int set = (ns != null ? 1 : 0)
                        + (pods != null ? 1 : 0)
                        + (networks.isEmpty() ? 0 : 1)
                        + (unsupported != null ? 1 : 0);
                if (set > 1) {
                    d.error(pp, "a peer must set exactly one field");
                }
                if (set == 0) {
                    // An unknown peer type: the rule fails closed (calico-semantics §6.1).
                    unsupported = pm.keySet().stream().findFirst().orElse("empty peer");
                    d.warn(pp, "peer '" + unsupported + "' is not supported; the rule fails closed");
                } else if (unsupported != null) {
                    d.warn(pp + "." + unsupported, "Calico does not support this peer; the rule fails closed");
                }
                peers.add(new ClusterNetworkPolicy.Peer(ns, pods, networks, unsupported));
            }
            List<ClusterNetworkPolicy.ProtocolPort> protocols = new ArrayList<>();
            List<Map<String, Object>> rawProtocols = d.objects(r, "protocols", path + ".protocols");
            for (int j = 0; j < rawProtocols.size(); j++) {
                protocols.add(protocol(rawProtocols.get(j), path + ".protocols[" + j + "]"));
            }
            out.add(new ClusterNetworkPolicy.ClusterRule(
                    name == null ? "" : name, action == null ? "" : action, peers, protocols));
        }
        return out;
    }

    private ClusterNetworkPolicy.ProtocolPort protocol(Map<String, Object> m, String path) {
        if (m.size() != 1) {
            d.error(path, "must set exactly one of tcp, udp, sctp or destinationNamedPort");
            return new ClusterNetworkPolicy.ProtocolPort(null, null);
        }
        String key = m.keySet().iterator().next();
        if (key.equals("destinationNamedPort")) {
            String name = d.string(m, key, path + "." + key);
            if (name == null || !Checks.isPortName(name)) {
                d.error(path + "." + key, "'" + name + "' is not a valid port name");
                return new ClusterNetworkPolicy.ProtocolPort(null, null);
            }
            return new ClusterNetworkPolicy.ProtocolPort(null, new Port.Named(name));
        }
        Protocol protocol = switch (key) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "sctp" -> Protocol.SCTP;
            default -> null;
        };
        if (protocol == null) {
            d.error(path + "." + key, "unknown protocol match (tcp, udp, sctp or destinationNamedPort)");
            return new ClusterNetworkPolicy.ProtocolPort(null, null);
        }
        Map<String, Object> pm = d.map(m, key, path + "." + key);
        d.unknownFields(pm, Set.of("destinationPort"), path + "." + key);
        if (pm.get("destinationPort") == null) {
            return new ClusterNetworkPolicy.ProtocolPort(protocol, null);
        }
        String pp = path + "." + key + ".destinationPort";
        Map<String, Object> dp = d.map(pm, "destinationPort", pp);
        Integer number = d.integer(dp, "number", pp + ".number");
        if (number != null) {
            return new ClusterNetworkPolicy.ProtocolPort(protocol, CalicoDecoder.port(d, number, pp + ".number"));
        }
        Map<String, Object> range = d.map(dp, "range", pp + ".range");
        Integer start = d.integer(range, "start", pp + ".range.start");
        Integer end = d.integer(range, "end", pp + ".range.end");
        if (start == null || end == null) {
            d.error(pp, "needs number or range with start and end");
            return new ClusterNetworkPolicy.ProtocolPort(protocol, null);
        }
        if (start < 1 || end > 65535 || start >= end) {
            d.error(pp + ".range", "start must be less than end, both within 1-65535 (" + start + ":" + end + ")");
            return new ClusterNetworkPolicy.ProtocolPort(protocol, null);
        }
        return new ClusterNetworkPolicy.ProtocolPort(protocol, new Port.Range(start, end));
    }
}
