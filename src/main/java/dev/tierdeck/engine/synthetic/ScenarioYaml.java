package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IcmpMatch;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes generated objects as the multi-document YAML {@code kubectl get -o yaml} would print (FORMAT.md §1), so
 * that a failing scenario can be replayed with {@code tierdeck evaluate}.
 */
public final class ScenarioYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ScenarioYaml() {}

    public static String write(List<? extends ClusterObject> objects) {
        StringBuilder text = new StringBuilder();
        for (ClusterObject object : objects) {
            text.append(YAML.writeValueAsString(document(object)));
        }
        return text.toString();
    }

    static Map<String, Object> document(ClusterObject object) {
        return switch (object) {
            case Namespace n -> doc("v1", "Namespace", null, n.name(), n.labels(), null);
            case ServiceAccount s -> doc("v1", "ServiceAccount", s.namespace(), s.name(), s.labels(), null);
            case Pod p -> pod(p);
            case Tier t -> doc("projectcalico.org/v3", "Tier", null, t.name(), Map.of(), tier(t));
            case NetworkSet s ->
                doc(
                        "projectcalico.org/v3",
                        "NetworkSet",
                        s.namespace(),
                        s.name(),
                        s.labels(),
                        Map.of("nets", s.nets()));
            case GlobalNetworkSet s ->
                doc("projectcalico.org/v3", "GlobalNetworkSet", null, s.name(), s.labels(), Map.of("nets", s.nets()));
            case CalicoPolicy p ->
                doc("projectcalico.org/v3", p.kind().name(), p.namespace(), p.name(), Map.of(), calico(p));
            case KubernetesNetworkPolicy p ->
                p.staged()
                        ? doc(
                                "projectcalico.org/v3",
                                "StagedKubernetesNetworkPolicy",
                                p.namespace(),
                                p.name(),
                                Map.of(),
                                KubernetesYaml.networkPolicy(p))
                        : doc(
                                "networking.k8s.io/v1",
                                "NetworkPolicy",
                                p.namespace(),
                                p.name(),
                                Map.of(),
                                KubernetesYaml.networkPolicy(p));
            case ClusterNetworkPolicy p ->
                doc(
                        "policy.networking.k8s.io/v1alpha2",
                        "ClusterNetworkPolicy",
                        null,
                        p.name(),
                        Map.of(),
                        KubernetesYaml.clusterNetworkPolicy(p));
        };
    }

    private static Map<String, Object> doc(
            String apiVersion,
            String kind,
            @Nullable String namespace,
            String name,
            Map<String, String> labels,
            @Nullable Map<String, Object> spec) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", apiVersion);
        doc.put("kind", kind);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        if (!labels.isEmpty()) {
            metadata.put("labels", new java.util.TreeMap<>(labels));
        }
        doc.put("metadata", metadata);
        if (spec != null) {
            doc.put("spec", spec);
        }
        return doc;
    }

    private static Map<String, Object> pod(Pod p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("serviceAccountName", p.serviceAccountName());
        List<Map<String, Object>> ports = new ArrayList<>();
        p.ports().forEach(cp -> {
            Map<String, Object> port = new LinkedHashMap<>();
            if (cp.name() != null) {
                port.put("name", cp.name());
            }
            port.put("containerPort", cp.port());
            port.put("protocol", cp.protocol().name());
            ports.add(port);
        });
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "main");
        container.put("image", "registry.example/app:1");
        if (!ports.isEmpty()) {
            container.put("ports", ports);
        }
        spec.put("containers", List.of(container));
        Map<String, Object> doc = doc("v1", "Pod", p.namespace(), p.name(), p.labels(), spec);
        if (!p.ips().isEmpty()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("podIP", p.ips().getFirst());
            status.put("podIPs", p.ips().stream().map(ip -> Map.of("ip", ip)).toList());
            doc.put("status", status);
        }
        return doc;
    }

    private static Map<String, Object> tier(Tier t) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (t.order() != null) {
            spec.put("order", t.order());
        }
        spec.put("defaultAction", t.defaultAction().name());
        return spec;
    }

    private static Map<String, Object> calico(CalicoPolicy p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tier", p.tier());
        putIf(spec, "order", p.order());
        if (p.selector() != null && !p.selector().isEmpty()) {
            spec.put("selector", p.selector());
        }
        putText(spec, "namespaceSelector", p.namespaceSelector());
        putText(spec, "serviceAccountSelector", p.serviceAccountSelector());
        if (p.types() != null) {
            spec.put("types", p.types().stream().map(Enum::name).toList());
        }
        if (!p.ingress().isEmpty()) {
            spec.put("ingress", p.ingress().stream().map(ScenarioYaml::rule).toList());
        }
        if (!p.egress().isEmpty()) {
            spec.put("egress", p.egress().stream().map(ScenarioYaml::rule).toList());
        }
        if (p.stagedAction() != null) {
            spec.put("stagedAction", p.stagedAction().name());
        }
        return spec;
    }

    private static Map<String, Object> rule(Rule r) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("action", r.action().name());
        putIf(rule, "ipVersion", r.ipVersion());
        putIf(rule, "protocol", r.protocol() == null ? null : protocol(r.protocol()));
        putIf(rule, "notProtocol", r.notProtocol() == null ? null : protocol(r.notProtocol()));
        putIf(rule, "icmp", r.icmp() == null ? null : icmp(r.icmp()));
        putIf(rule, "notICMP", r.notICMP() == null ? null : icmp(r.notICMP()));
        if (!r.source().isEmpty()) {
            rule.put("source", entity(r.source()));
        }
        if (!r.destination().isEmpty()) {
            rule.put("destination", entity(r.destination()));
        }
        return rule;
    }

    private static Object protocol(Protocol p) {
        return p.name().chars().allMatch(Character::isDigit) ? (Object) p.number() : p.name();
    }

    private static Map<String, Object> icmp(IcmpMatch icmp) {
        Map<String, Object> map = new LinkedHashMap<>();
        putIf(map, "type", icmp.type());
        putIf(map, "code", icmp.code());
        return map;
    }

    private static Map<String, Object> entity(EntityRule e) {
        Map<String, Object> map = new LinkedHashMap<>();
        putList(map, "nets", e.nets());
        putList(map, "notNets", e.notNets());
        putText(map, "selector", e.selector());
        putText(map, "notSelector", e.notSelector());
        putText(map, "namespaceSelector", e.namespaceSelector());
        putList(map, "ports", e.ports().stream().map(ScenarioYaml::port).toList());
        putList(map, "notPorts", e.notPorts().stream().map(ScenarioYaml::port).toList());
        if (e.serviceAccounts() != null) {
            Map<String, Object> sa = new LinkedHashMap<>();
            putList(sa, "names", e.serviceAccounts().names());
            putText(sa, "selector", e.serviceAccounts().selector());
            map.put("serviceAccounts", sa);
        }
        return map;
    }

    static Object port(Port port) {
        return switch (port) {
            case Port.Range r when r.first() == r.last() -> r.first();
            case Port.Range r -> r.first() + ":" + r.last();
            case Port.Named n -> n.name();
        };
    }

    static void putIf(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static void putText(Map<String, Object> map, String key, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    static void putList(Map<String, Object> map, String key, List<?> values) {
        if (!values.isEmpty()) {
            map.put(key, values);
        }
    }
}
