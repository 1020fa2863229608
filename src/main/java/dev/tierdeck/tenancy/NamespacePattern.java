package dev.tierdeck.tenancy;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Namespace patterns of a team: an exact namespace name ({@code payments}) or a glob in which {@code *} stands for
 * any run of characters, none included ({@code payments-*} matches {@code payments-eu}, not {@code payments}).
 */
public final class NamespacePattern {

    /** A Kubernetes namespace name: a DNS-1123 label. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    static final int MAX_LENGTH = 63;

    private NamespacePattern() {}

    /** Whether {@code text} is a valid namespace name (a DNS-1123 label of at most 63 characters). */
    public static boolean isNamespaceName(String text) {
        return text.length() <= MAX_LENGTH && NAMESPACE.matcher(text).matches();
    }

    public static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0;
    }

    /** Whether {@code pattern} matches {@code namespace} as a whole. */
    public static boolean matches(String pattern, String namespace) {
        if (!isGlob(pattern)) {
            return pattern.equals(namespace);
        }
        return matches(pattern, 0, namespace, 0);
    }

    // Iterative glob matching with backtracking to the last '*': linear in practice, no regex built from user text.
    private static boolean matches(String pattern, int p, String text, int t) {
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** What is wrong with {@code pattern}, or {@code null} when it is a valid name or glob. */
    public static @Nullable String problem(String pattern) {
        if (pattern.isEmpty()) {
            return "Empty pattern: enter a namespace name or a glob such as payments-*.";
        }
        if (pattern.length() > MAX_LENGTH) {
            return "'" + pattern + "' is longer than 63 characters, the longest a namespace name can be.";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '*')) {
                return "'" + pattern + "' has the character '" + printable(c) + "' at position " + (i + 1)
                        + ": use lower-case letters, digits, '-' and '*' only.";
            }
        }
        if (pattern.chars().allMatch(c -> c == '*')) {
            return "'" + pattern + "' would give the team every namespace; use a prefix or suffix, such as"
                    + " payments-*.";
        }
        if (pattern.contains("**")) {
            return "'" + pattern + "' has '**': one '*' already matches any run of characters.";
        }
        if (!isGlob(pattern) && !NAMESPACE.matcher(pattern).matches()) {
            return "'" + pattern + "' is not a namespace name: it must start and end with a letter or digit.";
        }
        if (isGlob(pattern) && (pattern.startsWith("-") || pattern.endsWith("-"))) {
            return "'" + pattern + "' can never match: namespace names start and end with a letter or digit.";
        }
        return null;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c)
                : String.valueOf(c);
    }
}
