package dev.tierdeck.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ComposeStackTest {

    private static final Set<String> PORTAL_SETTINGS = Set.of(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "TIERDECK_IDENTITY_ISSUER_URI",
            "TIERDECK_IDENTITY_CLIENT_ID",
            "TIERDECK_IDENTITY_CLIENT_SECRET",
            "TIERDECK_IDENTITY_GROUPS_CLAIM",
            "TIERDECK_PUBLIC_URL",
            "TIERDECK_CLUSTER_SOURCE");

    private final ComposeStack compose = ComposeStack.load();
    private final KeycloakRealm realm = KeycloakRealm.load();

    @Test
    void stackIsPostgresKeycloakAndThePortal() {
        assertThat(compose.serviceNames()).containsExactlyInAnyOrder("postgres", "keycloak", "tierdeck");
        assertThat(compose.service("postgres").path("image").asString()).isEqualTo("postgres:17");
        assertThat(compose.service("keycloak").path("image").asString()).startsWith("quay.io/keycloak/keycloak:26.");
    }

    @Test
    void portalIsBuiltFromTheRepositoryDockerfileAndPublishedOn8080() {
        var build = compose.service("tierdeck").path("build");

        assertThat(build.path("context").asString()).isEqualTo(".");
        assertThat(Path.of(build.path("dockerfile").asString())).exists();
        assertThat(compose.publishedPorts("tierdeck")).containsEntry(8080, 8080);
    }

    @Test
    void portalSetsOnlyContractSettings() {
        assertThat(compose.environment("tierdeck").keySet()).containsExactlyInAnyOrderElementsOf(PORTAL_SETTINGS);
    }

    @Test
    void keycloakSendsUsersBackToThePortsPublishedAddress() {
        assertThat(compose.environment("tierdeck").get("TIERDECK_PUBLIC_URL")).isEqualTo("http://localhost:8080");
        assertThat(realm.strings(realm.client().path("redirectUris")))
                .contains("http://localhost:8080/login/oauth2/code/tierdeck");
    }

    @Test
    void datasourcePointsAtThePostgresServiceWithItsCredentials() {
        var portal = compose.environment("tierdeck");
        var postgres = compose.environment("postgres");

        assertThat(portal.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(portal.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(portal.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void postgresKeepsItsDataInANamedVolumeAndReportsHealth() {
        var postgres = compose.service("postgres");

        assertThat(postgres.path("volumes").valueStream().map(JsonNode::asString))
                .contains("postgres-data:/var/lib/postgresql/data");
        assertThat(compose.root().path("volumes").has("postgres-data")).isTrue();
        assertThat(postgres.at("/healthcheck/test").toString()).contains("pg_isready");
    }

    @Test
    void issuerIsTheKeycloakRealmUnderOneUrlForBrowserAndPortal() {
        var issuer = URI.create(compose.environment("tierdeck").get("TIERDECK_IDENTITY_ISSUER_URI"));
        var keycloak = compose.environment("keycloak");

        // the issuer Keycloak writes into tokens is exactly the one the portal expects
        assertThat(issuer.toString()).isEqualTo(keycloak.get("KC_HOSTNAME") + "/realms/" + realm.name());
        // inside the compose network the issuer host is the keycloak service
        assertThat(compose.networkAliases("keycloak")).contains(issuer.getHost());
        // from the browser the same host resolves to loopback and the same port is published
        assertThat(issuer.getHost()).endsWith(".localhost");
        assertThat(Integer.parseInt(keycloak.get("KC_HTTP_PORT"))).isEqualTo(issuer.getPort());
        assertThat(compose.publishedPorts("keycloak")).containsEntry(issuer.getPort(), issuer.getPort());
    }

    @Test
    void portalUsesTheRealmClientAndItsGroupsClaim() {
        var portal = compose.environment("tierdeck");

        assertThat(portal.get("TIERDECK_IDENTITY_CLIENT_ID"))
                .isEqualTo(realm.client().path("clientId").asString());
        assertThat(portal.get("TIERDECK_IDENTITY_CLIENT_SECRET"))
                .isEqualTo(realm.client().path("secret").asString());
        assertThat(portal.get("TIERDECK_IDENTITY_GROUPS_CLAIM"))
                .isEqualTo(realm.groupsMapper().at("/config/claim.name").asString());
    }

    @Test
    void portalRunsOnTheDemoClusterBecauseComposeHasNone() {
        assertThat(compose.environment("tierdeck").get("TIERDECK_CLUSTER_SOURCE"))
                .isEqualTo("demo");
    }

    @Test
    void keycloakImportsTheRealmFileFromTheRepository() {
        var keycloak = compose.service("keycloak");
        var command =
                keycloak.path("command").valueStream().map(JsonNode::asString).toList();

        assertThat(command).containsExactly("start-dev", "--import-realm");
        var hostPath = compose.bindMounts("keycloak").get("/opt/keycloak/data/import/realm-tierdeck.json");
        assertThat(hostPath).isEqualTo("./deploy/keycloak/realm-tierdeck.json");
        assertThat(Path.of(hostPath).normalize()).isEqualTo(KeycloakRealm.FILE);
        assertThat(Path.of(hostPath)).isRegularFile();
        assertThat(keycloak.at("/healthcheck/test").toString()).contains("/health/ready");
    }

    @Test
    void portalStartsOnlyAfterDatabaseAndIdentityProviderAreHealthy() {
        var dependsOn = compose.service("tierdeck").path("depends_on");

        assertThat(dependsOn.at("/postgres/condition").asString()).isEqualTo("service_healthy");
        assertThat(dependsOn.at("/keycloak/condition").asString()).isEqualTo("service_healthy");
    }

    @Test
    void publishedPortsListenOnLoopbackOnlyBecauseTheStackUsesDemoPasswords() {
        for (var service : compose.serviceNames()) {
            assertThat(compose.service(service).path("ports").valueStream().map(JsonNode::asString))
                    .allMatch(mapping -> mapping.startsWith("127.0.0.1:"));
        }
    }
}
