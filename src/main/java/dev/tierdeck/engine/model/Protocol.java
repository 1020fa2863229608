package dev.tierdeck.engine.model;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An IP protocol as a rule or flow names it: one of Calico's names or a number 1–255. Matching compares
 * {@link #number()}, so {@code TCP} and {@code 6} are the same protocol.
 */
public record Protocol(String name, int number) {

    public static final Protocol TCP = new Protocol("TCP", 6);
    public static final Protocol UDP = new Protocol("UDP", 17);
    public static final Protocol ICMP = new Protocol("ICMP", 1);
    public static final Protocol ICMPV6 = new Protocol("ICMPv6", 58);
    public static final Protocol SCTP = new Protocol("SCTP", 132);
    public static final Protocol UDPLITE = new Protocol("UDPLite", 136);

    /** Parses a protocol name (case-insensitive, as Calico accepts) or a number; {@code null} when invalid. */
    public static @Nullable Protocol parse(String text) {
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "tcp":
                return TCP;
            case "udp":
                return UDP;
            case "icmp":
                return ICMP;
            case "icmpv6":
                return ICMPV6;
            case "sctp":
                return SCTP;
            case "udplite":
                return UDPLITE;
            default:
                break;
        }
        if (t.isEmpty() || t.length() > 3 || !t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return of(Integer.parseInt(t));
    }

    /** The protocol with this number, by its name when it has one; {@code null} outside 1–255. */
    public static @Nullable Protocol of(int number) {
        return switch (number) {
            case 6 -> TCP;
            case 17 -> UDP;
            case 1 -> ICMP;
            case 58 -> ICMPV6;
            case 132 -> SCTP;
            case 136 -> UDPLITE;
            default -> number >= 1 && number <= 255 ? new Protocol(Integer.toString(number), number) : null;
        };
    }

    /** Whether rules with numeric ports may use this protocol (calico-semantics §1.3). */
    public boolean supportsPorts() {
        return number == 6 || number == 17 || number == 132;
    }

    public boolean isIcmp() {
        return number == 1 || number == 58;
    }

    @Override
    public String toString() {
        return name;
    }
}
