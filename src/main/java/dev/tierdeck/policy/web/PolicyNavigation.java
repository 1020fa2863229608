package dev.tierdeck.policy.web;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "My namespaces" in the work section, for everyone: developers see their teams', the others every namespace. */
@Configuration(proxyBeanMethods = false)
class PolicyNavigation {

    @Bean
    NavigationLink myNamespacesLink() {
        return new NavigationLink(
                NavigationLink.Section.WORK, "My namespaces", "/namespaces", EnumSet.allOf(Role.class), 10);
    }
}
