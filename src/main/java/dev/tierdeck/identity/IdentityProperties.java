package dev.tierdeck.identity;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings. Without {@code issuer-uri} the portal starts its built-in demo identity provider; with it,
 * the portal signs in against that issuer and {@code client-secret} becomes mandatory.
 *
 * @param issuerUri the external OIDC issuer (TIERDECK_IDENTITY_ISSUER_URI); unset means the demo provider
 * @param clientId the portal's client id at the issuer
 * @param clientSecret the portal's client secret (TIERDECK_IDENTITY_CLIENT_SECRET)
 * @param audience the audience (`aud`) a bearer access token must be issued for (TIERDECK_IDENTITY_AUDIENCE); unset
 *     means the client id. Configure the identity provider to put it into access tokens (for Keycloak, an audience
 *     mapper), never into ID tokens alone.
 * @param groupsClaim the claim carrying the user's groups in ID and access tokens
 * @param roleGroups the allow-list: group name to portal role; any other group gives no role
 * @param demo the built-in demo identity provider
 */
@ConfigurationProperties("tierdeck.identity")
record IdentityProperties(
        @Nullable String issuerUri,
        @DefaultValue("tierdeck") String clientId,
        @Nullable String clientSecret,
        @Nullable String audience,
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue Map<String, Role> roleGroups,
        @DefaultValue Demo demo) {

    /**
     * @param port the port of the demo provider (0: any free port); its issuer is {@code http://localhost:<port>}
     */
    record Demo(@DefaultValue("9000") int port) {}

    /** The audience bearer tokens must carry: the configured one, or the client id. */
    String expectedAudience(String clientId) {
        return audience == null || audience.isBlank() ? clientId : audience;
    }

    boolean usesDemoProvider() {
        return issuerUri == null || issuerUri.isBlank();
    }
}
