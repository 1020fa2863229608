package dev.tierdeck.policy.editor;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Admins reach the global-policy editor from the navigation; namespace policies start from their namespace. */
@Configuration(proxyBeanMethods = false)
class EditorNavigation {

    @Bean
    NavigationLink newGlobalPolicyLink() {
        return new NavigationLink(
                NavigationLink.Section.ADMINISTRATION,
                "New global policy",
                "/global-policies/new",
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN),
                30);
    }
}
