package dev.tierdeck.flow;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

    @Bean
    @ConditionalOnMissingBean(FlowLeadership.class)
    FlowLeadership singleReplicaLeadership() {
        return () -> true;
    }
}
