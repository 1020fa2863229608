package dev.tierdeck.engine.reference;

import org.jspecify.annotations.Nullable;

/**
 * IPv4/IPv6 addresses as byte arrays and CIDR membership by comparing prefix bits: the plainest possible
 * implementation, independent of the model's own address types.
 */
final class Ip {

    private Ip() {}

    /** 4 bytes for IPv4, 16 for IPv6, {@code null} when the text is not an address. */
    static byte @Nullable [] parse(String text) {
        return text.indexOf(':') >= 0 ? parse6(text) : parse4(text);
    }

    static boolean inCidr(byte[] ip, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = parse(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null || network.length != ip.length) {
            return false;
        }
        int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        for (int i = 0; i < bits; i++) {
            if (bit(ip, i) != bit(network, i)) {
                return false;
            }
        }
        return true;
    }

    /** The family (4 or 6) of a CIDR or address. */
    static int family(String cidrOrIp) {
        return cidrOrIp.indexOf(':') >= 0 ? 6 : 4;
    }

    private static int bit(byte[] bytes, int index) {
        return (bytes[index / 8] >> (7 - index % 8)) & 1;
    }

    private static byte @Nullable [] parse4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte @Nullable [] parse6(String text) {
        int gap = text.indexOf("::");
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (all[i] >> 8);
            bytes[2 * i + 1] = (byte) all[i];
        }
        return bytes;
    }

    /** Colon-separated hex groups; a trailing dotted IPv4 counts as two groups. */
    private static int @Nullable [] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        boolean v4Tail = parts[parts.length - 1].contains(".");
        int[] groups = new int[parts.length + (v4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && v4Tail) {
                byte[] v4 = parse4(part);
                if (v4 == null) {
                    return null;
                }
                groups[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else {
                if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return null;
                }
                groups[i] = Integer.parseInt(part, 16);
            }
        }
        return groups;
    }
}
