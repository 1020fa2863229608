package dev.tierdeck.identity;

import dev.tierdeck.identity.demo.DemoIdentityProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Where users come from: the OIDC client registration {@code tierdeck} (external issuer, or the demo provider
 * started here first), the resource-server decoder for bearer tokens of the same issuer, and the one
 * group-to-role mapping used by both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdentityConfiguration.class);

    static final String REGISTRATION_ID = "tierdeck";

    @Bean
    GroupRoles groupRoles(IdentityProperties properties) {
        return new GroupRoles(properties.groupsClaim(), properties.roleGroups());
    }

    /** Started before the client registration below, which performs discovery against it. */
    @Bean(destroyMethod = "close")
    @Conditional(NoExternalIssuer.class)
    DemoIdentityProvider demoIdentityProvider(IdentityProperties properties, Environment environment) {
        int portalPort = environment.getProperty("server.port", Integer.class, 8080);
        return DemoIdentityProvider.start(properties.demo().port(), Math.max(portalPort, 0));
    }

    @Bean
    IssuerSettings issuerSettings(
            IdentityProperties properties, ObjectProvider<DemoIdentityProvider> demo, Environment environment) {
        DemoIdentityProvider provider = demo.getIfAvailable();
        if (provider != null) {
            return new IssuerSettings(
                    provider.issuer(), DemoIdentityProvider.CLIENT_ID, DemoIdentityProvider.CLIENT_SECRET, true);
        }
        // IdentitySettingsCheck has refused to start without a secret; checked again for contexts built without it
        IdentitySettingsCheck.check(environment);
        String issuer = properties.issuerUri();
        return new IssuerSettings(issuer, properties.clientId(), properties.clientSecret(), false);
    }

    @Bean
    PublicUrl publicUrl(Environment environment) {
        PublicUrl url = new PublicUrl(environment.getProperty("tierdeck.public-url"));
        if (!url.isConfigured() && StringUtils.hasText(environment.getProperty("tierdeck.identity.issuer-uri"))) {
            log.warn("TIERDECK_PUBLIC_URL (tierdeck.public-url) is not set: sign-in sends the identity provider back"
                    + " to http://localhost:<port>; set it to the address browsers use for the portal");
        }
        return url;
    }

    @Bean
    TrustedIssuer trustedIssuer(IssuerSettings issuer) {
        return new TrustedIssuer(issuer.issuer(), issuer.demo());
    }

    @Bean
    ClientRegistrationRepository clientRegistrations(IssuerSettings issuer) {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer.issuer())
                .registrationId(REGISTRATION_ID)
                .clientId(issuer.clientId())
                .clientSecret(issuer.clientSecret())
                .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .clientSettings(ClientRegistration.ClientSettings.builder()
                        .requireProofKey(true)
                        .build())
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /**
     * Bearer tokens for {@code /api/**}: signed by the issuer (keys found through discovery on first use), issued by
     * it, current, access tokens ({@link AccessTokens}) and meant for this portal (its audience).
     */
    @Bean
    JwtDecoder jwtDecoder(IssuerSettings issuer, IdentityProperties properties) {
        // Built on the first bearer token rather than at start-up: the portal starts (and its pages work) while the
        // identity provider is still starting or briefly unreachable.
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withIssuerLocation(issuer.issuer()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                    new JwtIssuerValidator(issuer.issuer()),
                    AccessTokens.types(),
                    AccessTokens.only(),
                    AccessTokens.audience(properties.expectedAudience(issuer.clientId()))));
            return decoder;
        });
    }

    /** Sign-in through the browser: roles from the ID token's (and user info's) groups claim. */
    @Bean
    GrantedAuthoritiesMapper oidcRoles(GroupRoles groupRoles) {
        return authorities -> {
            List<GrantedAuthority> mapped = new ArrayList<>();
            for (GrantedAuthority authority : authorities) {
                if (!isRole(authority)) {
                    mapped.add(authority);
                }
                if (authority instanceof OidcUserAuthority oidc) {
                    var claims = oidc.getUserInfo() != null
                            ? merged(
                                    oidc.getIdToken().getClaims(),
                                    oidc.getUserInfo().getClaims())
                            : oidc.getIdToken().getClaims();
                    mapped.addAll(roleAuthorities(groupRoles, groupRoles.groupsIn(claims)));
                }
            }
            return mapped;
        };
    }

    /** Bearer tokens: the same mapping, from the access token's groups claim. */
    @Bean
    JwtAuthenticationConverter jwtRoles(GroupRoles groupRoles) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(
                jwt -> new ArrayList<>(roleAuthorities(groupRoles, groupRoles.groupsIn(jwt.getClaims()))));
        return converter;
    }

    private static boolean isRole(GrantedAuthority authority) {
        String name = authority.getAuthority();
        return name != null && name.startsWith("ROLE_");
    }

    private static Collection<GrantedAuthority> roleAuthorities(GroupRoles groupRoles, Collection<String> groups) {
        return groupRoles.rolesOf(groups).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
    }

    private static Map<String, Object> merged(Map<String, Object> idToken, Map<String, Object> userInfo) {
        var claims = new HashMap<>(idToken);
        userInfo.forEach(claims::putIfAbsent);
        return claims;
    }

    /**
     * The issuer the portal trusts, after choosing between an external one and the demo provider.
     *
     * @param demo true when it is the built-in demo provider
     */
    record IssuerSettings(
            String issuer, String clientId, @Nullable String clientSecret, boolean demo) {}

    static class NoExternalIssuer implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("tierdeck.identity.issuer-uri"));
        }
    }
}
