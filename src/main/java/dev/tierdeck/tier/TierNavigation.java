package dev.tierdeck.tier;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin console's entries in the portal navigation, for platform and security admins. */
@Configuration(proxyBeanMethods = false)
class TierNavigation {

    private static final Set<Role> ADMINS = Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN);

    @Bean
    NavigationLink tiersLink() {
        return new NavigationLink(NavigationLink.Section.ADMINISTRATION, "Tiers", "/admin/tiers", ADMINS, 10);
    }

    @Bean
    NavigationLink guardrailsLink() {
        return new NavigationLink(NavigationLink.Section.ADMINISTRATION, "Guardrails", "/admin/guardrails", ADMINS, 20);
    }
}
