package dev.tierdeck.engine.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address as 128 bits ({@code hi}, {@code lo}); IPv4 uses only the low 32 bits. Parsing accepts
 * literals only and never touches DNS.
 */
public record IpAddress(boolean v6, long hi, long lo) {

    public static @Nullable IpAddress parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.indexOf(':') < 0) {
            return parseV4(t);
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            // A literal containing ':' is parsed without any name lookup.
            byte[] b = InetAddress.getByName(t).getAddress();
            if (b.length == 4) {
                return new IpAddress(true, 0, 0xFFFF_0000_0000L | toLong(b, 0, 4));
            }
            return new IpAddress(true, toLong(b, 0, 8), toLong(b, 8, 8));
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable IpAddress parseV4(String t) {
        long v = 0;
        int octets = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i == t.length() ? '.' : t.charAt(i);
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return null;
                }
                v = (v << 8) | value;
                octets++;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return null;
            }
        }
        return octets == 4 ? new IpAddress(false, 0, v) : null;
    }

    private static long toLong(byte[] b, int from, int n) {
        long v = 0;
        for (int i = from; i < from + n; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    @Override
    public String toString() {
        if (!v6) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4));
            if (i > 0) {
                s.append(':');
            }
            s.append(Long.toHexString(word & 0xFFFF));
        }
        return s.toString();
    }
}
