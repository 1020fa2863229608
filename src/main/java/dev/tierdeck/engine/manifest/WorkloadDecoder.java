package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Decodes namespaces, pods, service accounts, tiers and network sets. */
final class WorkloadDecoder {

    private final Document d;

    WorkloadDecoder(Document d) {
        this.d = d;
    }

    @Nullable
    ClusterObject decode(
            String kind, String name, String namespace, Map<String, Object> meta, Map<String, Object> doc) {
        int before = d.errors.size();
        Map<String, String> labels = d.labels(meta, "labels", "metadata.labels");
        Map<String, Object> spec = d.map(doc, "spec", "spec");
        ClusterObject o = switch (kind) {
            case "Namespace" -> {
                if (!Checks.isDnsLabel(name)) {
                    d.error("metadata.name", "'" + name + "' is not a valid namespace name (a DNS-1123 label)");
                }
                yield new Namespace(name, labels);
            }
            case "ServiceAccount" -> new ServiceAccount(namespace, name, labels);
            case "Pod" -> pod(name, namespace, labels, spec, d.map(doc, "status", "status"));
            case "Tier" -> tier(name, spec);
            case "NetworkSet" -> {
                checkSetLabels(labels);
                yield new NetworkSet(namespace, name, labels, nets(spec));
            }
            default -> {
                checkSetLabels(labels);
                yield new GlobalNetworkSet(name, labels, nets(spec));
            }
        };
        return d.errors.size() > before ? null : o;
    }

    private void checkSetLabels(Map<String, String> labels) {
        // The namespace label is Calico's to set (calico-semantics §2.5).
        if (labels.containsKey("projectcalico.org/namespace")) {
            d.error("metadata.labels.projectcalico.org/namespace", "this label is reserved and cannot be set");
        }
    }

    private List<String> nets(Map<String, Object> spec) {
        d.unknownFields(spec, Set.of("nets", "allowedEgressDomains"), "spec");
        List<String> nets = d.strings(spec, "nets", "spec.nets");
        for (int i = 0; i < nets.size(); i++) {
            Checks.cidr(d, nets.get(i), "spec.nets[" + i + "]");
        }
        return nets;
    }

    private Tier tier(String name, Map<String, Object> spec) {
        if (!Checks.isDnsLabel(name)) {
            d.error("metadata.name", "'" + name + "' is not a valid tier name (a DNS-1123 label without dots)");
        }
        d.unknownFields(spec, Set.of("order", "defaultAction"), "spec");
        Double order = d.number(spec, "order", "spec.order");
        String action = d.string(spec, "defaultAction", "spec.defaultAction");
        RuleAction defaultAction = RuleAction.Deny;
        if ("Pass".equals(action)) {
            defaultAction = RuleAction.Pass;
        } else if (action != null && !"Deny".equals(action)) {
            d.error("spec.defaultAction", "must be Deny or Pass, not '" + action + "'");
        }
        return new Tier(name, order, defaultAction);
    }

    private Pod pod(
            String name,
            String namespace,
            Map<String, String> labels,
            Map<String, Object> spec,
            Map<String, Object> status) {
        String sa = d.string(spec, "serviceAccountName", "spec.serviceAccountName");
        if (sa == null || sa.isEmpty()) {
            sa = d.string(spec, "serviceAccount", "spec.serviceAccount");
        }
        List<ContainerPort> ports = new ArrayList<>();
        for (String list : List.of("containers", "initContainers")) {
            List<Map<String, Object>> containers = d.objects(spec, list, "spec." + list);
            for (int c = 0; c < containers.size(); c++) {
                List<Map<String, Object>> raw =
                        d.objects(containers.get(c), "ports", "spec." + list + "[" + c + "].ports");
                for (int i = 0; i < raw.size(); i++) {
                    String path = "spec." + list + "[" + c + "].ports[" + i + "]";
                    Integer port = d.integer(raw.get(i), "containerPort", path + ".containerPort");
                    String portName = d.string(raw.get(i), "name", path + ".name");
                    String proto = d.string(raw.get(i), "protocol", path + ".protocol");
                    Protocol protocol = proto == null ? Protocol.TCP : Protocol.parse(proto);
                    if (protocol == null || !protocol.supportsPorts()) {
                        d.error(path + ".protocol", "'" + proto + "' is not TCP, UDP or SCTP");
                        continue;
                    }
                    if (port == null || port < 1 || port > 65535) {
                        d.error(path + ".containerPort", "must be a port number 1-65535");
                        continue;
                    }
                    ports.add(new ContainerPort(portName, port, protocol));
                }
            }
        }
        List<String> ips = new ArrayList<>();
        String podIp = d.string(status, "podIP", "status.podIP");
        if (podIp != null && !podIp.isEmpty()) {
            ips.add(podIp);
        }
        List<Map<String, Object>> podIps = d.objects(status, "podIPs", "status.podIPs");
        for (int i = 0; i < podIps.size(); i++) {
            String ip = d.string(podIps.get(i), "ip", "status.podIPs[" + i + "].ip");
            if (ip != null && !ips.contains(ip)) {
                ips.add(ip);
            }
        }
        for (String ip : ips) {
            if (IpAddress.parse(ip) == null) {
                d.error("status.podIP", "'" + ip + "' is not an IP address");
            }
        }
        return new Pod(namespace, name, labels, sa == null || sa.isEmpty() ? "default" : sa, ips, ports);
    }
}
