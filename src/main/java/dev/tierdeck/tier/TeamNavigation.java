package dev.tierdeck.tier;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The team and stack screens in the administration section of the navigation. */
@Configuration(proxyBeanMethods = false)
class TeamNavigation {

    private static final Set<Role> ADMINS = Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN);

    @Bean
    NavigationLink stackLink() {
        return new NavigationLink(NavigationLink.Section.ADMINISTRATION, "Policy stack", "/admin/stack", ADMINS, 15);
    }

    @Bean
    NavigationLink teamsLink() {
        return new NavigationLink(NavigationLink.Section.ADMINISTRATION, "Teams", "/admin/teams", ADMINS, 30);
    }
}
