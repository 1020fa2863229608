package dev.tierdeck.identity;

import java.util.Arrays;
import java.util.Optional;

/** The four portal roles. A user gets them only from the allow-listed groups of {@code tierdeck.identity.role-groups}. */
public enum Role {
    PLATFORM_ADMIN("platform-admin"),
    SECURITY_ADMIN("security-admin"),
    DEVELOPER("developer"),
    VIEWER("viewer");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The lowercase name used in configuration, the API and templates, e.g. {@code platform-admin}. */
    public String id() {
        return id;
    }

    /** The Spring Security authority, e.g. {@code ROLE_PLATFORM_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isAdmin() {
        return this == PLATFORM_ADMIN || this == SECURITY_ADMIN;
    }

    public static Optional<Role> fromAuthority(String authority) {
        return Arrays.stream(values())
                .filter(role -> role.authority().equals(authority))
                .findFirst();
    }
}
