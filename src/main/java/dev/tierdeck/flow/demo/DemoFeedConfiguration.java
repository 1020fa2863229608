package dev.tierdeck.flow.demo;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.flow.FlowLeadership;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowSourceCursors;
import dev.tierdeck.flow.FlowStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo feed, when {@code tierdeck.flow.demo-feed.enabled}; it checks at every round that the cluster is the demo. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("tierdeck.flow.demo-feed.enabled")
class DemoFeedConfiguration {

    @Bean
    DemoFeed demoFeed(
            ClusterReader cluster,
            FlowStore store,
            FlowSourceCursors cursors,
            FlowLeadership leadership,
            FlowProperties properties,
            ObjectProvider<Clock> clock) {
        return new DemoFeed(cluster, store, cursors, leadership, properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
