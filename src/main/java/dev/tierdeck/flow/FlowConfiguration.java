package dev.tierdeck.flow;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Partition maintenance, retention and the continuous sources run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FlowConfiguration {}
