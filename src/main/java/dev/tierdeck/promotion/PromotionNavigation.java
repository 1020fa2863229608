package dev.tierdeck.promotion;

import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The approval queue in the administration section: for admins, and for members of a team's approver groups, who
 * may hold any role but viewer.
 */
@Configuration(proxyBeanMethods = false)
class PromotionNavigation {

    @Bean
    NavigationLink approvalsLink(Permissions permissions, ObjectProvider<Approvals> approvals) {
        return new NavigationLink(
                NavigationLink.Section.ADMINISTRATION,
                "Approvals",
                "/admin/approvals",
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN, Role.DEVELOPER),
                30,
                user -> permissions.allows(user, Action.APPROVE, Resource.PORTAL),
                user -> approvals.getObject().waitingFor(user));
    }
}
