package dev.tierdeck.audit.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The demo users, signed in with the authorities the portal's group mapping gives them. */
final class SignedIn {

    private SignedIn() {}

    static RequestPostProcessor platformAdmin() {
        return user("admin", "Ada Admin", "tierdeck-platform-admins", "ROLE_PLATFORM_ADMIN");
    }

    static RequestPostProcessor securityAdmin() {
        return user("security", "Sam Security", "tierdeck-security-admins", "ROLE_SECURITY_ADMIN");
    }

    static RequestPostProcessor developer() {
        return user("alice", "Alice Developer", "tierdeck-developers", "ROLE_DEVELOPER");
    }

    static RequestPostProcessor viewer() {
        return user("viewer", "Vic Viewer", "tierdeck-viewers", "ROLE_VIEWER");
    }

    /** Signed in through groups the allow-list does not know: no role at all. */
    static RequestPostProcessor nobody() {
        return user("stranger", "Sally Stranger", "everyone");
    }

    private static RequestPostProcessor user(String username, String displayName, String group, String... roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("OIDC_USER"));
        for (String role : roles) {
            authorities.add(new SimpleGrantedAuthority(role));
        }
        return oidcLogin()
                .idToken(token -> token.subject(username)
                        .claim("preferred_username", username)
                        .claim("name", displayName)
                        .claim("groups", List.of(group)))
                .authorities(authorities);
    }
}
