package dev.tierdeck.preview;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import dev.tierdeck.identity.Role;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The contract's demo users, signed in through the browser session or with a bearer token. */
enum Users {
    ADMIN("admin", "Ada Admin", Role.PLATFORM_ADMIN, "tierdeck-platform-admins"),
    SECURITY("security", "Sam Security", Role.SECURITY_ADMIN, "tierdeck-security-admins"),
    ALICE("alice", "Alice Developer", Role.DEVELOPER, "tierdeck-developers", "team-payments"),
    BOB("bob", "Bob Developer", Role.DEVELOPER, "tierdeck-developers", "team-catalog"),
    VIEWER("viewer", "Vic Viewer", Role.VIEWER, "tierdeck-viewers");

    private final String username;
    private final String displayName;
    private final Role role;
    private final List<String> groups;

    Users(String username, String displayName, Role role, String... groups) {
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.groups = List.of(groups);
    }

    RequestPostProcessor session() {
        return oidcLogin()
                .idToken(token -> token.subject(username)
                        .claim("preferred_username", username)
                        .claim("name", displayName)
                        .claim("groups", groups))
                .authorities(new SimpleGrantedAuthority(role.authority()));
    }

    RequestPostProcessor token() {
        return jwt().jwt(token -> token.subject(username)
                        .claim("preferred_username", username)
                        .claim("name", displayName)
                        .claim("groups", groups))
                .authorities(new SimpleGrantedAuthority(role.authority()));
    }
}
