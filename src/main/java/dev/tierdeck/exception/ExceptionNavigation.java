package dev.tierdeck.exception;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Exceptions", for everyone signed in: developers see their teams', admins decide and see all of them. */
@Configuration(proxyBeanMethods = false)
class ExceptionNavigation {

    @Bean
    NavigationLink exceptionsLink() {
        return new NavigationLink(
                NavigationLink.Section.WORK, "Exceptions", "/exceptions", EnumSet.allOf(Role.class), 55);
    }
}
