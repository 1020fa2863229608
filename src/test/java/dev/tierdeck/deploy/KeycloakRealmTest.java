package dev.tierdeck.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class KeycloakRealmTest {

    static final List<DemoDirectory.DemoUser> USERS = DemoDirectory.USERS;

    private final KeycloakRealm realm = KeycloakRealm.load();

    @Test
    void realmIsNamedTierdeckAndEnabled() {
        assertThat(realm.name()).isEqualTo("tierdeck");
        assertThat(realm.root().path("enabled").asBoolean()).isTrue();
        assertThat(realm.root().path("registrationAllowed").asBoolean()).isFalse();
    }

    @Test
    void realmHasEveryRoleAndTeamGroupAtTopLevel() {
        var expected = Stream.concat(DemoDirectory.ROLE_GROUPS.stream(), DemoDirectory.TEAM_GROUPS.stream())
                .collect(Collectors.toSet());

        assertThat(realm.groupNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(realm.root().path("groups").valueStream())
                .allSatisfy(group -> assertThat(group.path("path").asString())
                        .isEqualTo("/" + group.path("name").asString()));
    }

    @Test
    void realmHoldsExactlyTheDemoUsers() {
        assertThat(realm.root()
                        .path("users")
                        .valueStream()
                        .map(u -> u.path("username").asString()))
                .containsExactlyInAnyOrderElementsOf(
                        USERS.stream().map(DemoDirectory.DemoUser::username).toList());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("USERS")
    void demoUserHasItsGroupsDisplayNameAndPermanentDemoPassword(DemoDirectory.DemoUser expected) {
        var user = realm.user(expected.username());

        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(user.path("firstName").asString() + " "
                        + user.path("lastName").asString())
                .isEqualTo(expected.displayName());
        assertThat(user.path("email").asString()).contains("@");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
        assertThat(realm.strings(user.path("groups")))
                .containsExactlyInAnyOrderElementsOf(
                        expected.groups().stream().map(group -> "/" + group).toList());
        assertThat(user.path("credentials")).singleElement().satisfies(credential -> {
            assertThat(credential.path("type").asString()).isEqualTo("password");
            assertThat(credential.path("value").asString()).isEqualTo(DemoDirectory.PASSWORD);
            assertThat(credential.path("temporary").asBoolean()).isFalse();
        });
        assertThat(user.path("requiredActions")).isEmpty();
    }

    @Test
    void clientIsConfidentialWithTheAuthorizationCodeFlowOnly() {
        var client = realm.client();

        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("clientAuthenticatorType").asString()).isEqualTo("client-secret");
        assertThat(client.path("secret").asString()).isNotBlank();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
    }

    @Test
    void clientRequiresPkceWithS256() {
        assertThat(realm.client().at("/attributes/pkce.code.challenge.method").asString())
                .isEqualTo("S256");
    }

    @Test
    void redirectUriIsThePortalsCallbackForRegistrationTierdeck() {
        var client = realm.client();

        assertThat(realm.strings(client.path("redirectUris")))
                .containsExactly("http://localhost:8080/login/oauth2/code/" + DemoDirectory.REGISTRATION_ID);
        assertThat(client.at("/attributes/post.logout.redirect.uris").asString())
                .isEqualTo("http://localhost:8080/*");
    }

    @Test
    void accessTokensNameThePortalAsTheirAudienceWhichThePortalsApiRequires() {
        var mappers = realm.client()
                .path("protocolMappers")
                .valueStream()
                .filter(m ->
                        "oidc-audience-mapper".equals(m.path("protocolMapper").asString()))
                .toList();

        assertThat(mappers).singleElement().satisfies(mapper -> {
            assertThat(mapper.path("config").path("included.client.audience").asString())
                    .isEqualTo(DemoDirectory.CLIENT_ID);
            assertThat(mapper.path("config").path("access.token.claim").asString())
                    .isEqualTo("true");
        });
    }

    @Test
    void groupsMapperPutsPlainGroupNamesIntoIdTokenAccessTokenAndUserinfo() {
        var config = realm.groupsMapper().path("config");

        assertThat(config.path("claim.name").asString()).isEqualTo(DemoDirectory.GROUPS_CLAIM);
        assertThat(config.path("full.path").asString()).isEqualTo("false");
        assertThat(config.path("id.token.claim").asString()).isEqualTo("true");
        assertThat(config.path("access.token.claim").asString()).isEqualTo("true");
        assertThat(config.path("userinfo.token.claim").asString()).isEqualTo("true");
    }
}
