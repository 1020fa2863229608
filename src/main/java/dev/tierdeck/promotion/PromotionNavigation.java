package dev.tierdeck.promotion;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The approval queue in the administration section, for the admins who approve changes. */
@Configuration(proxyBeanMethods = false)
class PromotionNavigation {

    @Bean
    NavigationLink approvalsLink() {
        return new NavigationLink(
                NavigationLink.Section.ADMINISTRATION,
                "Approvals",
                "/admin/approvals",
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN),
                30);
    }
}
