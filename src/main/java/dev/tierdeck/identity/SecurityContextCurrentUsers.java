package dev.tierdeck.identity;

import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Reads the current user from the request's security context. Roles are taken from the authorities mapped at
 * sign-in (or for each bearer token), names and groups from the token's claims.
 */
@Component
class SecurityContextCurrentUsers implements CurrentUsers {

    private final GroupRoles groupRoles;

    SecurityContextCurrentUsers(GroupRoles groupRoles) {
        this.groupRoles = groupRoles;
    }

    @Override
    public Optional<CurrentUser> current() {
        return Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication())
                .filter(authentication ->
                        authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken))
                .map(this::userOf);
    }

    @Override
    public CurrentUser require() {
        return current().orElseThrow(() -> new AccessDeniedException("Sign in first."));
    }

    CurrentUser userOf(Authentication authentication) {
        Set<Role> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .flatMap(name -> name == null ? Stream.empty() : Role.fromAuthority(name).stream())
                .collect(Collectors.toSet());
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            return fromClaims(oidc.getClaims(), issuerOf(oidc.getIssuer()), oidc.getSubject(), roles);
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            var jwt = token.getToken();
            return fromClaims(jwt.getClaims(), issuerOf(jwt.getIssuer()), jwt.getSubject(), roles);
        }
        // Other authentications (none in production) carry no claims: name and roles only.
        String name = authentication.getName();
        return new CurrentUser("", name, name, name, roles, Set.of());
    }

    private CurrentUser fromClaims(
            Map<String, Object> claims, String issuer, @Nullable String subject, Set<Role> roles) {
        String sub = subject == null ? "" : subject;
        String username = text(claims.get("preferred_username"), sub);
        String displayName = text(claims.get("name"), username);
        return new CurrentUser(issuer, sub, username, displayName, roles, groupRoles.groupsIn(claims));
    }

    private static String issuerOf(@Nullable URL issuer) {
        return issuer == null ? "" : issuer.toString();
    }

    private static String text(@Nullable Object value, String fallback) {
        return value instanceof String text && !text.isBlank() ? text : fallback;
    }
}
