package dev.tierdeck.engine.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code source} or {@code destination} of a Calico rule (calico-semantics §1.3, §2.6, §2.8). */
public record EntityRule(
        List<String> nets,
        List<String> notNets,
        @Nullable String selector,
        @Nullable String notSelector,
        @Nullable String namespaceSelector,
        List<Port> ports,
        List<Port> notPorts,
        @Nullable ServiceAccountMatch serviceAccounts,
        @Nullable ServiceMatch services) {

    public static final EntityRule EMPTY =
            new EntityRule(List.of(), List.of(), null, null, null, List.of(), List.of(), null, null);

    public EntityRule {
        nets = List.copyOf(nets);
        notNets = List.copyOf(notNets);
        ports = List.copyOf(ports);
        notPorts = List.copyOf(notPorts);
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
