package dev.tierdeck.flow.format;

import dev.tierdeck.engine.text.TextInput;
import java.time.Duration;
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

    /** Flows are observed, so never later than now, give or take clocks a little apart. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** No flow log of Calico is older than this; an earlier time is a mistake (a zero, a unit slip). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** Names, namespaces, policy and tier names of a flow are far shorter. */
    static final int MAX_TEXT = 1024;

    private final int line;
    private final List<ImportProblem> problems;
    private final Instant now;

    Fields(int line, List<ImportProblem> problems, Instant now) {
        this.line = line;
        this.problems = problems;
        this.now = now;
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
        String text = v.asString();
        String unstorable = TextInput.problem(text, TextInput.Kind.LINE, MAX_TEXT);
        if (unstorable != null) {
            problem(path + field, unstorable);
            return null;
        }
        return text;
    }

    /** An integer in {@code [min, max]}; {@code fallback} when absent. */
    long number(JsonNode node, String path, String field, long min, long max, long fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        // canConvertToLong first: a counter of 2^70 must be a problem with its line, not an exception
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
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
        Instant time;
        try {
            time = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            problem(path + field, "expected an RFC 3339 time such as 2026-11-26T14:00:00Z, got \"" + s + "\"");
            return null;
        }
        if (time.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            problem(
                    path + field,
                    "\"" + s + "\" is in the future; flows are observed, so no later than now (" + now + ", with "
                            + MAX_CLOCK_SKEW.toMinutes() + " minutes for clocks apart)");
            return null;
        }
        if (time.isBefore(EARLIEST)) {
            problem(path + field, "\"" + s + "\" is before " + EARLIEST + "; no flow log is that old");
            return null;
        }
        return time;
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
            return protocolNumber(v.canConvertToLong() ? v.asLong() : -1, path + field);
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
