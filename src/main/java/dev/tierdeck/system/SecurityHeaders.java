package dev.tierdeck.system;

import dev.tierdeck.identity.TrustedIssuer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers of every portal response, pages, fragments, errors and assets alike: a strict
 * Content-Security-Policy (scripts and styles only from the portal itself, no inline code, no eval), no
 * framing, no MIME sniffing, no referrer to other sites, and a separate browsing context group.
 */
final class SecurityHeaders {

    private SecurityHeaders() {}

    /**
     * {@code form-action} also names the issuer: signing out posts to the portal, which redirects to the
     * issuer's end-session endpoint, and browsers check form redirects against this directive.
     */
    static String contentSecurityPolicy(TrustedIssuer issuer) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
                + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' " + issuer.origin()
                + "; frame-ancestors 'none'";
    }

    /**
     * The same headers, set directly: on every response that passes through the servlet container, before the portal
     * or the container itself answers it (see {@link ContainerHeaders}).
     */
    static void write(HttpServletResponse response, TrustedIssuer issuer) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(issuer));
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", ReferrerPolicy.SAME_ORIGIN.getPolicy());
        response.setHeader("Cross-Origin-Opener-Policy", CrossOriginOpenerPolicy.SAME_ORIGIN.getPolicy());
    }

    static void apply(HeadersConfigurer<HttpSecurity> headers, TrustedIssuer issuer) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(issuer)))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .contentTypeOptions(options -> {})
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN));
    }
}
