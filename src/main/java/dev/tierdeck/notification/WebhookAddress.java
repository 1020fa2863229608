package dev.tierdeck.notification;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The rule for webhook URLs: http or https, a host, no user info, at most 2000 characters; and the host must resolve
 * to public addresses only unless it is on the allow-list ({@link NotificationProperties#allowedHosts}). Checked when a
 * webhook is saved and again before every attempt (an address can change in between).
 */
final class WebhookAddress {

    static final int MAX_LENGTH = 2000;

    private WebhookAddress() {}

    /** Why {@code url} cannot be a webhook's address, or null when it can. */
    static @Nullable String problem(@Nullable String url, List<String> allowedHosts) {
        if (url == null || url.isBlank()) {
            return "Enter the URL the notifications are posted to.";
        }
        if (url.length() > MAX_LENGTH) {
            return "The URL is longer than " + MAX_LENGTH + " characters.";
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a URL: " + e.getReason() + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "Only http and https URLs are called, not '" + (scheme.isEmpty() ? url : scheme) + "'.";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "The URL has no host.";
        }
        if (uri.getRawUserInfo() != null) {
            return "Put no user name or password in the URL; deliveries are signed with the secret.";
        }
        return hostProblem(uri.getHost(), allowedHosts);
    }

    /** Why the portal may not call {@code host}, or null when it may. */
    static @Nullable String hostProblem(String host, List<String> allowedHosts) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String name = IDN.toASCII(bare, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        if (allowedHosts.stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return "The host " + name + " cannot be resolved.";
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                return "The host " + name + " resolves to an internal address (" + a.getHostAddress()
                        + "); an admin can allow it in tierdeck.notification.allowed-hosts.";
            }
        }
        return null;
    }

    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // shared address space (RFC 6598) and "this network"
            return (first == 100 && second >= 64 && second <= 127) || first == 0;
        }
        if (a instanceof Inet6Address) {
            // unique local addresses fc00::/7, and IPv4-mapped addresses judged as IPv4
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
