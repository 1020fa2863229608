package dev.tierdeck.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

/**
 * What makes a JWT an access token for this portal. An ID token is signed by the same issuer and names the portal as
 * its audience too, and the browser sees it (the sign-out redirect carries it as {@code id_token_hint}): it must never
 * work as a bearer token. So a token must say it is an access token, in the way the providers the portal supports say
 * it: the JWT header {@code typ} of RFC 9068 ({@code at+jwt}, as the demo provider and many others write it), or
 * Keycloak's {@code typ} claim {@code Bearer}; and it must not carry an ID token's {@code nonce}.
 */
final class AccessTokens {

    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");

    private AccessTokens() {}

    /** The header types a bearer token may have: RFC 9068's, and plain {@code JWT} for Keycloak (then the claim). */
    static JwtTypeValidator types() {
        JwtTypeValidator types = new JwtTypeValidator("at+jwt", "application/at+jwt", "JWT");
        types.setAllowEmpty(true);
        return types;
    }

    static OAuth2TokenValidator<Jwt> only() {
        return jwt -> isAccessToken(jwt)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        "invalid_token",
                        "Not an access token: send the access token (typ at+jwt), never the ID token",
                        null));
    }

    static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> {
            List<String> audiences = jwt.getAudience();
            return audiences != null && audiences.contains(audience)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                            "invalid_token", "The token was not issued for the audience " + audience, null));
        };
    }

    static boolean isAccessToken(Jwt jwt) {
        if (jwt.hasClaim("nonce")) {
            return false;
        }
        Object header = jwt.getHeaders().get("typ");
        if (header instanceof String type && ACCESS_TOKEN_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return "Bearer".equals(jwt.getClaimAsString("typ"));
    }
}
