package dev.tierdeck.deploy;

import java.util.List;
import java.util.Set;

/** The demo users and groups every identity provider of Tierdeck offers (built-in and Keycloak). */
final class DemoDirectory {

    record DemoUser(String username, String displayName, Set<String> groups) {}

    static final Set<String> ROLE_GROUPS =
            Set.of("tierdeck-platform-admins", "tierdeck-security-admins", "tierdeck-developers", "tierdeck-viewers");

    static final Set<String> TEAM_GROUPS = Set.of("team-payments", "team-catalog");

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Ada Admin", Set.of("tierdeck-platform-admins")),
            new DemoUser("security", "Sam Security", Set.of("tierdeck-security-admins")),
            new DemoUser("alice", "Alice Developer", Set.of("tierdeck-developers", "team-payments")),
            new DemoUser("bob", "Bob Developer", Set.of("tierdeck-developers", "team-catalog")),
            new DemoUser("viewer", "Vic Viewer", Set.of("tierdeck-viewers")));

    static final String PASSWORD = "demo";
    static final String REGISTRATION_ID = "tierdeck";
    static final String CLIENT_ID = "tierdeck";
    static final String GROUPS_CLAIM = "groups";

    private DemoDirectory() {}
}
