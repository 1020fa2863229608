package dev.tierdeck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.system.NavigationLink.Section;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class NavigationTest {

    private final Navigation navigation = navigationOf(
            new NavigationLink(Section.ADMINISTRATION, "Guardrails", "/guardrails", Set.of(Role.PLATFORM_ADMIN), 20),
            new NavigationLink(
                    Section.ADMINISTRATION, "Tiers", "/tiers", Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN), 10),
            new NavigationLink(Section.WORK, "My namespaces", "/namespaces", Set.of(Role.DEVELOPER), 10),
            new NavigationLink(Section.OVERVIEW, "Flows", "/flows", Set.of(Role.values()), 10));

    @Test
    void showsEachUserOnlyTheLinksOfTheirRolesGroupedAndOrdered() {
        assertThat(labels(user(Role.PLATFORM_ADMIN)))
                .containsExactly("Overview: Flows", "Administration: Tiers", "Administration: Guardrails");
        assertThat(labels(user(Role.SECURITY_ADMIN))).containsExactly("Overview: Flows", "Administration: Tiers");
        assertThat(labels(user(Role.DEVELOPER))).containsExactly("Overview: Flows", "My work: My namespaces");
    }

    @Test
    void aConditionNarrowsALinkBeyondItsRoles() {
        NavigationLink approvals = new NavigationLink(
                Section.ADMINISTRATION,
                "Approvals",
                "/approvals",
                Set.of(Role.DEVELOPER),
                30,
                user -> user.groups().contains("approvers"));
        assertThat(approvals.visibleTo(user(Role.DEVELOPER))).isFalse();
        assertThat(approvals.visibleTo(
                        new CurrentUser("issuer", "s", "dev", "Dev", Set.of(Role.DEVELOPER), Set.of("approvers"))))
                .isTrue();
    }

    @Test
    void aUserWithoutRolesSeesNoLinks() {
        assertThat(navigation.visibleTo(user())).isEmpty();
    }

    @Test
    void aLinkMustNameItsRolesAndAPortalPath() {
        assertThatThrownBy(() -> new NavigationLink(Section.OVERVIEW, "Flows", "/flows", Set.of(), 1))
                .hasMessageContaining("must name the roles");
        assertThatThrownBy(() ->
                        new NavigationLink(Section.OVERVIEW, "Flows", "https://example.org", Set.of(Role.VIEWER), 1))
                .hasMessageContaining("needs a portal path");
    }

    private List<String> labels(CurrentUser user) {
        return navigation.visibleTo(user).entrySet().stream()
                .flatMap(section ->
                        section.getValue().stream().map(link -> section.getKey().title() + ": " + link.label()))
                .toList();
    }

    private static CurrentUser user(Role... roles) {
        return new CurrentUser("issuer", "sub", "u", "U", Set.of(roles), Set.of());
    }

    private static Navigation navigationOf(NavigationLink... links) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < links.length; i++) {
            beans.addBean("link" + i, links[i]);
        }
        return new Navigation(beans.getBeanProvider(NavigationLink.class));
    }
}
