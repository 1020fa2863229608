package dev.tierdeck.tier;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.tenancy.ClusterNamespaces;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The cluster's namespaces for tenancy's pattern expansion. Lives here because tenancy cannot depend on the cluster
 * gateway without a module cycle; the admin console depends on both.
 */
@Component
class ClusterNamespaceNames implements ClusterNamespaces {

    private final ClusterReader cluster;

    ClusterNamespaceNames(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Override
    public Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (Namespace namespace : cluster.decoded().state().namespaces()) {
            out.add(namespace.name());
        }
        return out;
    }
}
