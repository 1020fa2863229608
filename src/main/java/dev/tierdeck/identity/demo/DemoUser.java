package dev.tierdeck.identity.demo;

import java.util.List;
import java.util.Optional;

/**
 * A user of the demo identity provider. All of them sign in with the password {@link #PASSWORD}.
 *
 * @param username the login name, sent as {@code preferred_username}
 * @param displayName sent as {@code name}
 * @param groups sent in the {@code groups} claim
 */
public record DemoUser(String username, String displayName, List<String> groups) {

    public static final String PASSWORD = "demo";

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("admin", "Ada Admin", List.of("tierdeck-platform-admins")),
            new DemoUser("security", "Sam Security", List.of("tierdeck-security-admins")),
            new DemoUser("alice", "Alice Developer", List.of("tierdeck-developers", "team-payments")),
            new DemoUser("bob", "Bob Developer", List.of("tierdeck-developers", "team-catalog")),
            new DemoUser("viewer", "Vic Viewer", List.of("tierdeck-viewers")));

    public static Optional<DemoUser> named(String username) {
        return ALL.stream().filter(user -> user.username().equals(username)).findFirst();
    }
}
