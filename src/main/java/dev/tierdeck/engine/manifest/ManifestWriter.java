package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IcmpMatch;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Encodes model objects back into canonical manifests: {@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec}, with absent and empty fields left out, labels sorted, and ports written as numbers when single.
 * Decoding the output gives back equal objects.
 */
public final class ManifestWriter {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new PlainOnlyWhenUnambiguous())
            .build());

    private ManifestWriter() {}

    /** Multi-document YAML, one document per object. */
    public static String toYaml(List<? extends ClusterObject> objects) {
        StringBuilder s = new StringBuilder();
        for (ClusterObject o : objects) {
            String doc = YAML.writeValueAsString(toMap(o));
            s.append(doc.startsWith("---") ? doc : "---\n" + doc);
        }
        return s.toString();
    }

    /**
     * Any document as YAML, with the same quoting: a string is written without quotes only when no YAML reader could
     * take it for anything else.
     */
    public static String toYaml(Map<String, ?> document) {
        return YAML.writeValueAsString(document);
    }

    /** One object as the map kubectl would print (without status and server-side metadata). */
    public static Map<String, Object> toMap(ClusterObject o) {
        return switch (o) {
            case Namespace n -> object("v1", "Namespace", n.name(), null, n.labels(), null);
            case ServiceAccount sa -> object("v1", "ServiceAccount", sa.name(), sa.namespace(), sa.labels(), null);
            case Pod p -> pod(p);
            case Tier t -> {
                Map<String, Object> spec = new LinkedHashMap<>();
                put(spec, "order", number(t.order()));
                spec.put("defaultAction", t.defaultAction().name());
                yield object("projectcalico.org/v3", "Tier", t.name(), null, Map.of(), spec);
            }
            case NetworkSet s ->
                object("projectcalico.org/v3", "NetworkSet", s.name(), s.namespace(), s.labels(), nets(s.nets()));
            case GlobalNetworkSet s ->
                object("projectcalico.org/v3", "GlobalNetworkSet", s.name(), null, s.labels(), nets(s.nets()));
            case CalicoPolicy p -> calico(p);
            case KubernetesNetworkPolicy p -> kubernetes(p);
            case ClusterNetworkPolicy p -> ClusterPolicyWriter.write(p);
        };
    }

    static Map<String, Object> object(
            String apiVersion,
            String kind,
            String name,
            @Nullable String namespace,
            Map<String, String> labels,
            @Nullable Map<String, Object> spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", apiVersion);
        m.put("kind", kind);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        put(meta, "namespace", namespace);
        if (!labels.isEmpty()) {
            meta.put("labels", new TreeMap<>(labels));
        }
        m.put("metadata", meta);
        if (spec != null) {
            m.put("spec", spec);
        }
        return m;
    }

    static void put(Map<String, Object> m, String key, @Nullable Object v) {
        if (v == null || (v instanceof List<?> l && l.isEmpty()) || (v instanceof Map<?, ?> mm && mm.isEmpty())) {
            return;
        }
        m.put(key, v);
    }

    static @Nullable Object number(@Nullable Double d) {
        if (d == null) {
            return null;
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : d;
    }

    private static Map<String, Object> nets(List<String> nets) {
        Map<String, Object> spec = new LinkedHashMap<>();
        put(spec, "nets", nets);
        return spec;
    }

    private static Map<String, Object> pod(Pod p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("serviceAccountName", p.serviceAccountName());
        List<Object> ports = new ArrayList<>();
        for (ContainerPort cp : p.ports()) {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("containerPort", cp.port());
            put(port, "name", cp.name());
            port.put("protocol", cp.protocol().name());
            ports.add(port);
        }
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "main");
        put(container, "ports", ports);
        spec.put("containers", List.of(container));
        Map<String, Object> m = object("v1", "Pod", p.name(), p.namespace(), p.labels(), spec);
        if (!p.ips().isEmpty()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("podIP", p.ips().get(0));
            status.put("podIPs", p.ips().stream().map(ip -> Map.of("ip", ip)).toList());
            m.put("status", status);
        }
        return m;
    }

    private static Map<String, Object> calico(CalicoPolicy p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (p.kind().staged() && p.stagedAction() != null) {
            spec.put("stagedAction", p.stagedAction().name());
        }
        spec.put("tier", p.tier());
        put(spec, "order", number(p.order()));
        if (!p.selector().isEmpty()) {
            spec.put("selector", p.selector());
        }
        put(spec, "namespaceSelector", p.namespaceSelector());
        put(spec, "serviceAccountSelector", p.serviceAccountSelector());
        put(
                spec,
                "types",
                p.types() == null ? null : p.types().stream().map(Enum::name).toList());
        put(spec, "ingress", p.ingress().stream().map(ManifestWriter::rule).toList());
        put(spec, "egress", p.egress().stream().map(ManifestWriter::rule).toList());
        if (p.doNotTrack()) {
            spec.put("doNotTrack", true);
        }
        if (p.preDNAT()) {
            spec.put("preDNAT", true);
        }
        if (p.applyOnForward()) {
            spec.put("applyOnForward", true);
        }
        return object("projectcalico.org/v3", p.kind().name(), p.name(), p.namespace(), p.labels(), spec);
    }

    private static Map<String, Object> rule(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.action().name());
        put(m, "ipVersion", r.ipVersion());
        put(m, "protocol", protocol(r.protocol()));
        put(m, "notProtocol", protocol(r.notProtocol()));
        put(m, "icmp", icmp(r.icmp()));
        put(m, "notICMP", icmp(r.notICMP()));
        put(m, "source", entity(r.source()));
        put(m, "destination", entity(r.destination()));
        if (r.http() != null) {
            Map<String, Object> http = new LinkedHashMap<>();
            put(http, "methods", r.http().methods());
            put(http, "paths", r.http().paths());
            m.put("http", http);
        }
        return m;
    }

    private static @Nullable Object protocol(dev.tierdeck.engine.model.@Nullable Protocol p) {
        if (p == null) {
            return null;
        }
        return Character.isDigit(p.name().charAt(0)) ? (Object) p.number() : p.name();
    }

    private static @Nullable Map<String, Object> icmp(@Nullable IcmpMatch i) {
        if (i == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "type", i.type());
        put(m, "code", i.code());
        return m;
    }

    private static Map<String, Object> entity(EntityRule e) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "nets", e.nets());
        put(m, "notNets", e.notNets());
        put(m, "selector", e.selector());
        put(m, "notSelector", e.notSelector());
        put(m, "namespaceSelector", e.namespaceSelector());
        put(m, "ports", ports(e.ports()));
        put(m, "notPorts", ports(e.notPorts()));
        if (e.serviceAccounts() != null) {
            Map<String, Object> sa = new LinkedHashMap<>();
            put(sa, "names", e.serviceAccounts().names());
            put(sa, "selector", e.serviceAccounts().selector());
            m.put("serviceAccounts", sa);
        }
        if (e.services() != null) {
            Map<String, Object> svc = new LinkedHashMap<>();
            svc.put("name", e.services().name());
            put(svc, "namespace", e.services().namespace());
            m.put("services", svc);
        }
        return m;
    }

    static List<Object> ports(List<Port> ports) {
        return ports.stream()
                .map(p -> p instanceof Port.Range r && r.first() == r.last() ? (Object) r.first() : p.toString())
                .toList();
    }

    private static Map<String, Object> kubernetes(KubernetesNetworkPolicy p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (p.staged() && p.stagedAction() != null) {
            spec.put("stagedAction", p.stagedAction().name());
        }
        spec.put("podSelector", labelSelector(p.podSelector()));
        put(
                spec,
                "policyTypes",
                p.policyTypes() == null
                        ? null
                        : p.policyTypes().stream().map(Enum::name).toList());
        put(spec, "ingress", p.ingress().stream().map(r -> k8sRule(r, "from")).toList());
        put(spec, "egress", p.egress().stream().map(r -> k8sRule(r, "to")).toList());
        return p.staged()
                ? object(
                        "projectcalico.org/v3",
                        "StagedKubernetesNetworkPolicy",
                        p.name(),
                        p.namespace(),
                        Map.of(),
                        spec)
                : object("networking.k8s.io/v1", "NetworkPolicy", p.name(), p.namespace(), Map.of(), spec);
    }

    static Map<String, Object> labelSelector(LabelSelector s) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "matchLabels", new TreeMap<>(s.matchLabels()));
        List<Object> exprs = new ArrayList<>();
        for (LabelSelector.Requirement r : s.matchExpressions()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", r.key());
            e.put("operator", r.operator());
            put(e, "values", r.values());
            exprs.add(e);
        }
        put(m, "matchExpressions", exprs);
        return m;
    }

    private static Map<String, Object> k8sRule(KubernetesRule r, String peersKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> peers = new ArrayList<>();
        for (KubernetesPeer p : r.peers()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            if (p.podSelector() != null) {
                pm.put("podSelector", labelSelector(p.podSelector()));
            }
            if (p.namespaceSelector() != null) {
                pm.put("namespaceSelector", labelSelector(p.namespaceSelector()));
            }
            if (p.ipBlock() != null) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("cidr", p.ipBlock().cidr());
                put(b, "except", p.ipBlock().except());
                pm.put("ipBlock", b);
            }
            peers.add(pm);
        }
        put(m, peersKey, peers);
        List<Object> ports = new ArrayList<>();
        for (KubernetesPort p : r.ports()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            put(pm, "protocol", p.protocol() == null ? null : p.protocol().name());
            if (p.port() != null) {
                pm.put("port", ports(List.of(p.port())).get(0));
            }
            put(pm, "endPort", p.endPort());
            ports.add(pm);
        }
        put(m, "ports", ports);
        return m;
    }

    /**
     * Quotes every string a reader could resolve to a number, boolean, null or timestamp ({@code "2"}, {@code "1e3"},
     * {@code ".inf"}, {@code "0x1F"}, {@code "yes"}, {@code "~"}, {@code "2001-12-14"}) under YAML 1.1 or 1.2, and
     * every string with characters outside printable ASCII, on top of Jackson's own rules for YAML syntax characters.
     * A string written plain therefore reads back as the same string whatever schema the reader applies.
     */
    static final class PlainOnlyWhenUnambiguous extends StringQuotingChecker {

        private static final java.util.Set<String> WORDS = java.util.Set.of(
                "true", "false", "yes", "no", "y", "n", "on", "off", "null", "~", ".inf", ".nan", "nan", "inf");

        private final StringQuotingChecker yamlSyntax = StringQuotingChecker.Default.instance();

        @Override
        public boolean needToQuoteName(String name) {
            return yamlSyntax.needToQuoteName(name) || ambiguous(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return yamlSyntax.needToQuoteValue(value) || ambiguous(value);
        }

        static boolean ambiguous(String s) {
            if (s.isEmpty() || WORDS.contains(s.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    return true;
                }
            }
            char first = s.charAt(0);
            boolean numberStart = (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.';
            // numbers, timestamps and sexagesimals are made of these only; "10.0.0.0/8" or "a-b" cannot be one
            return numberStart && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "+-.:_ ".indexOf(c) >= 0);
        }
    }
}
