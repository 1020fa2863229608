package dev.tierdeck.identity.demo;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The one client of the demo provider: the portal. Its redirect URIs depend on the port the portal ends up on,
 * which may be known only after this provider has started, so the registration is built on each lookup from
 * the origins accepted so far. Redirect URIs are still matched exactly.
 */
final class PortalClient implements RegisteredClientRepository {

    private static final String ID = "tierdeck-portal";
    private final Set<String> origins = new CopyOnWriteArraySet<>();
    // Encoded once in the server's preferred format, so the server sees no reason to re-encode and save it.
    private final String encodedSecret =
            PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DemoIdentityProvider.CLIENT_SECRET);

    void acceptOrigin(String origin) {
        origins.add(origin);
    }

    /** The registration is fixed; the server's own updates (such as re-encoded secrets) are not kept. */
    @Override
    public void save(RegisteredClient registeredClient) {}

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return ID.equals(id) ? build() : null;
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return DemoIdentityProvider.CLIENT_ID.equals(clientId) ? build() : null;
    }

    private RegisteredClient build() {
        RegisteredClient.Builder builder = RegisteredClient.withId(ID)
                .clientId(DemoIdentityProvider.CLIENT_ID)
                .clientSecret(encodedSecret)
                .clientName("Tierdeck")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Duration.ofMinutes(15))
                        .build());
        for (String origin : origins) {
            builder.redirectUri(origin + "/login/oauth2/code/tierdeck");
            builder.postLogoutRedirectUri(origin + "/login?logout");
        }
        return builder.build();
    }
}
