package dev.tierdeck.flow.format;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed fields of one flow object, recording a problem (with the flow's line and the field's path)
 * instead of throwing, so that one pass reports every mistake of a file.
 */
final class Fields {

    private final int line;
    private final List<ImportProblem> problems;

    Fields(int line, List<ImportProblem> problems) {
        this.line = line;
        this.problems = problems;
    }

    int line() {
        return line;
    }

    void problem(String field, String message) {
        problems.add(new ImportProblem(line, field, message));
    }

    @Nullable
    String text(JsonNode node, String path, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(path + field, "is required");
            }
            return null;
        }
        if (!v.isString()) {
            problem(path + field, "expected a string, got " + FlowFileReader.kind(v));
            return null;
        }
        return v.asString();
    }

    /** An integer in {@code [min, max]}; {@code fallback} when absent. */
    long number(JsonNode node, String path, String field, long min, long max, long fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problem(
                    path + field,
                    "expected a number " + min + ".." + (max == Long.MAX_VALUE ? "" : max) + ", got "
                            + FlowFileReader.kind(v));
            return fallback;
        }
        return v.asLong();
    }

    @Nullable
    Instant time(JsonNode node, String path, String field, boolean required) {
        String s = text(node, path, field, required);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            problem(path + field, "expected an RFC 3339 time such as 2026-11-26T14:00:00Z, got \"" + s + "\"");
            return null;
        }
    }

    /** An enum constant by name, case-insensitively. */
    <E extends Enum<E>> @Nullable E choice(JsonNode node, String path, String field, Class<E> type, boolean required) {
        String s = text(node, path, field, required);
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        problem(path + field, "expected one of " + List.of(type.getEnumConstants()) + ", got \"" + s + "\"");
        return null;
    }

    /** A protocol name (TCP, UDP, SCTP, ICMP, ICMPv6, UDPLite) or number 1..255, in its canonical spelling. */
    @Nullable
    String protocol(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v != null && v.isIntegralNumber()) {
            return protocolNumber(v.asLong(), path + field);
        }
        String s = text(node, path, field, true);
        if (s == null) {
            return null;
        }
        String canonical = switch (s.toLowerCase(Locale.ROOT)) {
            case "tcp" -> "TCP";
            case "udp" -> "UDP";
            case "sctp" -> "SCTP";
            case "icmp" -> "ICMP";
            case "icmpv6" -> "ICMPv6";
            case "udplite" -> "UDPLite";
            default -> null;
        };
        if (canonical != null) {
            return canonical;
        }
        if (!s.isEmpty() && s.length() <= 3 && s.chars().allMatch(Character::isDigit)) {
            return protocolNumber(Long.parseLong(s), path + field);
        }
        problem(path + field, "expected TCP, UDP, SCTP, ICMP, ICMPv6 or a number 1..255, got \"" + s + "\"");
        return null;
    }

    private @Nullable String protocolNumber(long n, String field) {
        if (n < 1 || n > 255) {
            problem(field, "expected a protocol number 1..255, got " + n);
            return null;
        }
        return switch ((int) n) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            case 1 -> "ICMP";
            case 58 -> "ICMPv6";
            case 136 -> "UDPLite";
            default -> Long.toString(n);
        };
    }
}
