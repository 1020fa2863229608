package dev.tierdeck.cluster;

import dev.tierdeck.cluster.demo.DemoCluster;
import java.util.Objects;
import org.springframework.context.ApplicationContext;

/** The demo cluster behind a running portal, for tests of other modules that need its mock API server. */
public final class DemoClusters {

    private DemoClusters() {}

    public static DemoCluster of(ApplicationContext context) {
        return Objects.requireNonNull(
                context.getBean(ClusterConnection.class).demo(), "the portal does not run on the demo cluster");
    }
}
