package dev.tierdeck.preview;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Explain a flow", for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class PreviewNavigation {

    @Bean
    NavigationLink explainLink() {
        return new NavigationLink(
                NavigationLink.Section.WORK, "Explain a flow", "/explain", EnumSet.allOf(Role.class), 50);
    }
}
