package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/** An IPv4 or IPv6 network; a plain address is a /32 or /128 (as Calico accepts it). */
public record Cidr(IpAddress address, int prefix) {

    public static @Nullable Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        IpAddress a = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
        if (a == null) {
            return null;
        }
        int max = a.v6() ? 128 : 32;
        if (slash < 0) {
            return new Cidr(a, max);
        }
        String p = t.substring(slash + 1);
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(p);
        return prefix > max ? null : new Cidr(a, prefix);
    }

    public boolean v6() {
        return address.v6();
    }

    /** Whether this is {@code 0.0.0.0/0} or {@code ::/0}. */
    public boolean isCatchAll() {
        return prefix == 0;
    }

    public boolean contains(IpAddress ip) {
        if (ip.v6() != address.v6()) {
            return false;
        }
        if (!ip.v6()) {
            long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return (ip.lo() & mask) == (address.lo() & mask);
        }
        if (prefix <= 64) {
            long mask = prefix == 0 ? 0 : -1L << (64 - prefix);
            return (ip.hi() & mask) == (address.hi() & mask);
        }
        long mask = -1L << (128 - prefix);
        return ip.hi() == address.hi() && (ip.lo() & mask) == (address.lo() & mask);
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
