package dev.tierdeck.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The authorities a browser sign-in and a bearer token end up with. */
class RoleMappingTest {

    private final IdentityConfiguration configuration = new IdentityConfiguration();
    private final GroupRoles groupRoles = new GroupRoles(
            "groups", Map.of("tierdeck-developers", Role.DEVELOPER, "tierdeck-platform-admins", Role.PLATFORM_ADMIN));

    @Test
    void signInMapsAllowListedGroupsOfTheIdTokenToRoles() {
        assertThat(names(signInWith(List.of("tierdeck-developers", "team-payments"))))
                .contains("OIDC_USER", "ROLE_DEVELOPER")
                .doesNotContain("ROLE_PLATFORM_ADMIN");
    }

    @Test
    void signInWithUnknownGroupsGetsNoRole() {
        assertThat(names(signInWith(List.of("everyone", "admins")))).noneMatch(name -> name.startsWith("ROLE_"));
    }

    @Test
    void signInDropsRoleAuthoritiesThatDoNotComeFromTheAllowList() {
        OidcUserAuthority oidc = new OidcUserAuthority(idToken(List.of()));
        Collection<? extends GrantedAuthority> mapped = configuration
                .oidcRoles(groupRoles)
                .mapAuthorities(List.of(oidc, new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN")));
        assertThat(names(mapped)).noneMatch(name -> name.startsWith("ROLE_"));
    }

    @Test
    void bearerTokensMapTheirGroupsTheSameWay() {
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("admin")
                .claim("groups", List.of("tierdeck-platform-admins", "unknown"))
                .build();
        assertThat(roles(configuration.jwtRoles(groupRoles).convert(jwt).getAuthorities()))
                .containsExactly("ROLE_PLATFORM_ADMIN");
    }

    @Test
    void bearerTokensWithoutGroupsGetNoRole() {
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("robot")
                .build();
        assertThat(roles(configuration.jwtRoles(groupRoles).convert(jwt).getAuthorities()))
                .isEmpty();
    }

    private Collection<? extends GrantedAuthority> signInWith(List<String> groups) {
        return configuration.oidcRoles(groupRoles).mapAuthorities(List.of(new OidcUserAuthority(idToken(groups))));
    }

    private static OidcIdToken idToken(List<String> groups) {
        return OidcIdToken.withTokenValue("id-token")
                .subject("alice")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .claim("groups", groups)
                .build();
    }

    private static List<String> roles(Collection<? extends GrantedAuthority> authorities) {
        return names(authorities).stream()
                .filter(name -> name.startsWith("ROLE_"))
                .toList();
    }

    private static List<String> names(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
