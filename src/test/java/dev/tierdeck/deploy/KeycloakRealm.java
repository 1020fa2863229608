package dev.tierdeck.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** deploy/keycloak/realm-tierdeck.json, parsed. */
record KeycloakRealm(JsonNode root) {

    static final Path FILE = Path.of("deploy", "keycloak", "realm-tierdeck.json");

    static KeycloakRealm load() {
        try {
            return new KeycloakRealm(JsonMapper.builder().build().readTree(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return root.path("realm").asString();
    }

    JsonNode client() {
        var clients = root.path("clients")
                .valueStream()
                .filter(c -> DemoDirectory.CLIENT_ID.equals(c.path("clientId").asString()))
                .toList();
        assertThat(clients).as("client %s", DemoDirectory.CLIENT_ID).hasSize(1);
        return clients.getFirst();
    }

    JsonNode groupsMapper() {
        var mappers = client().path("protocolMappers")
                .valueStream()
                .filter(m -> "oidc-group-membership-mapper"
                        .equals(m.path("protocolMapper").asString()))
                .toList();
        assertThat(mappers).as("group membership mappers").hasSize(1);
        return mappers.getFirst();
    }

    Set<String> groupNames() {
        return root.path("groups")
                .valueStream()
                .map(g -> g.path("name").asString())
                .collect(Collectors.toSet());
    }

    JsonNode user(String username) {
        var users = root.path("users")
                .valueStream()
                .filter(u -> username.equals(u.path("username").asString()))
                .toList();
        assertThat(users).as("user %s", username).hasSize(1);
        return users.getFirst();
    }

    List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
