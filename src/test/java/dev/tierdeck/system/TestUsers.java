package dev.tierdeck.system;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Signed-in demo users for MockMvc, with the authorities the portal's group mapping gives them. */
public final class TestUsers {

    private TestUsers() {}

    public static RequestPostProcessor alice() {
        return user("alice", "Alice Developer", List.of("tierdeck-developers", "team-payments"), "ROLE_DEVELOPER");
    }

    public static RequestPostProcessor admin() {
        return user("admin", "Ada Admin", List.of("tierdeck-platform-admins"), "ROLE_PLATFORM_ADMIN");
    }

    /** The security admin: owner of the demo's locked {@code security} tier. */
    public static RequestPostProcessor security() {
        return user("security", "Sam Security", List.of("tierdeck-security-admins"), "ROLE_SECURITY_ADMIN");
    }

    public static RequestPostProcessor viewer() {
        return user("viewer", "Vic Viewer", List.of("tierdeck-viewers"), "ROLE_VIEWER");
    }

    /** Signed in, but only in groups the allow-list does not know. */
    public static RequestPostProcessor stranger() {
        return user("stranger", "Sally Stranger", List.of("everyone", "team-payments-admins"));
    }

    private static RequestPostProcessor user(
            String username, String displayName, List<String> groups, String... roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("OIDC_USER"));
        for (String role : roles) {
            authorities.add(new SimpleGrantedAuthority(role));
        }
        return oidcLogin()
                .idToken(token -> token.subject(username + "-subject")
                        .claim("preferred_username", username)
                        .claim("name", displayName)
                        .claim("groups", groups))
                .authorities(authorities);
    }
}
