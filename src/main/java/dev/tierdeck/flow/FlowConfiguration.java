package dev.tierdeck.flow;

import dev.tierdeck.system.leader.LeaderLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Partition maintenance, retention and the continuous sources run on Spring's scheduler; the flow API guards
 * its endpoints with {@code @PreAuthorize}, which needs method security switched on.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableMethodSecurity
class FlowConfiguration {

    /** One replica consumes Goldmane and generates demo traffic: the one holding this lock. */
    static final String LEADER_TASK = "flow-sources";

    @Bean
    FlowLeadership flowLeadership(LeaderLock leaderLock) {
        return () -> leaderLock.lead(LEADER_TASK);
    }
}
