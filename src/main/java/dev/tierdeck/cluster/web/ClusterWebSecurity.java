package dev.tierdeck.cluster.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * The cluster endpoints are guarded with {@code @PreAuthorize}; make sure method security is on even when no other
 * module enables it (enabling it twice is harmless).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ClusterWebSecurity {}
