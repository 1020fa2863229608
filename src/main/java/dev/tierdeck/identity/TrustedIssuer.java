package dev.tierdeck.identity;

import java.net.URI;

/**
 * The OIDC issuer the portal signs users in with and accepts bearer tokens from.
 *
 * @param uri the issuer URI
 * @param demo true when it is the built-in demo identity provider
 */
public record TrustedIssuer(String uri, boolean demo) {

    /** Scheme, host and port of the issuer, e.g. for a Content-Security-Policy source. */
    public String origin() {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getAuthority();
    }
}
