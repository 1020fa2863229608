package dev.tierdeck.engine.model;

import java.util.List;

/** {@code ipBlock} peer of a Kubernetes NetworkPolicy rule. */
public record IpBlock(String cidr, List<String> except) {
    public IpBlock {
        except = List.copyOf(except);
    }
}
