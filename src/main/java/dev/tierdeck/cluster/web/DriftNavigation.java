package dev.tierdeck.cluster.web;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The drift screen's entry in the portal navigation, for platform and security admins. */
@Configuration(proxyBeanMethods = false)
class DriftNavigation {

    @Bean
    NavigationLink driftLink() {
        return new NavigationLink(
                NavigationLink.Section.ADMINISTRATION,
                "Drift",
                DriftPages.LIST,
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN),
                40);
    }
}
