package dev.tierdeck.flow.web;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The flow screens' places in the navigation: every role may look at the flows it is allowed to see; admins also
 * manage the flow source.
 */
@Configuration(proxyBeanMethods = false)
class FlowWebConfiguration {

    @Bean
    NavigationLink flowsLink() {
        return new NavigationLink(
                NavigationLink.Section.OVERVIEW,
                "Flows",
                "/flows",
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN, Role.DEVELOPER, Role.VIEWER),
                10);
    }

    @Bean
    NavigationLink flowSourceLink() {
        return new NavigationLink(
                NavigationLink.Section.ADMINISTRATION,
                "Flow source",
                FlowSourcePageController.PATH,
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN),
                40);
    }
}
