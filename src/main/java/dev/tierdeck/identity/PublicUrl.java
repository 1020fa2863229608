package dev.tierdeck.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where browsers reach the portal, for every absolute URL the portal hands out (the sign-in redirect URI, the address
 * to return to after signing out). Never taken from the request's {@code Host} header, which anyone can set: it is
 * {@code tierdeck.public-url} (TIERDECK_PUBLIC_URL) when configured; otherwise, as suits the demo on one machine,
 * {@code http://localhost:<the port the request came in on>}, where the loopback names {@code 127.0.0.1} and
 * {@code [::1]} are kept when the browser used them.
 */
public final class PublicUrl {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final @Nullable String configured;

    public PublicUrl(@Nullable String configured) {
        if (configured == null || configured.isBlank()) {
            this.configured = null;
        } else {
            URI uri = URI.create(configured.strip());
            if (uri.getScheme() == null
                    || !Set.of("http", "https").contains(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "tierdeck.public-url must be an absolute http or https URL, not " + configured);
            }
            String text = uri.toString();
            this.configured = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }
    }

    public boolean isConfigured() {
        return configured != null;
    }

    /** Scheme, host, port (and path) of the portal, without a trailing slash. */
    public String of(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        String host =
                request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = request.getLocalPort();
        return "http://" + (LOOPBACK.contains(host) ? host : "localhost") + (port == 80 ? "" : ":" + port)
                + request.getContextPath();
    }
}
