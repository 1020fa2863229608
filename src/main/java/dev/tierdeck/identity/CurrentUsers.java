package dev.tierdeck.identity;

import java.util.Optional;

/**
 * Who is signed in, resolved from the security context of the current request (browser session or bearer
 * token alike). Controllers may also declare a {@link CurrentUser} parameter instead.
 */
public interface CurrentUsers {

    /** The signed-in user, or empty for anonymous requests. */
    Optional<CurrentUser> current();

    /** The signed-in user; throws {@link org.springframework.security.access.AccessDeniedException} when anonymous. */
    CurrentUser require();
}
