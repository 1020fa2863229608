package dev.tierdeck.assertion;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Assertions", for everyone signed in: each reads the global ones and those of their namespaces. */
@Configuration(proxyBeanMethods = false)
class AssertionNavigation {

    @Bean
    NavigationLink assertionsLink() {
        return new NavigationLink(
                NavigationLink.Section.WORK, "Assertions", "/assertions", EnumSet.allOf(Role.class), 60);
    }
}
