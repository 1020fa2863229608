package dev.tierdeck.engine.model;

import java.util.List;

/** One ingress or egress rule of a Kubernetes NetworkPolicy: peers ({@code from}/{@code to}) and ports. */
public record KubernetesRule(List<KubernetesPeer> peers, List<KubernetesPort> ports) {
    public KubernetesRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }
}
