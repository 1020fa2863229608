package dev.tierdeck.audit.web;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * The audit screen's navigation entry, and method security for the {@code @PreAuthorize} rules on the audit
 * controllers (enabling it again elsewhere is harmless: the configuration is imported once).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class AuditWebConfiguration {

    @Bean
    NavigationLink auditTrailLink() {
        return new NavigationLink(
                NavigationLink.Section.ADMINISTRATION,
                "Audit trail",
                AuditTrailController.PATH,
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN),
                90);
    }
}
