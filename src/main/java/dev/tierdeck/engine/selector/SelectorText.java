package dev.tierdeck.engine.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/** Shared checks and printing rules of the selector records. */
final class SelectorText {

    static final int MAX_LABEL_LENGTH = 512;

    /** Binding strength, weakest first: an operand weaker than its context is parenthesised. */
    static final int OR = 1;

    static final int AND = 2;
    static final int NOT = 3;
    static final int ATOM = 4;

    private SelectorText() {}

    static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '.'
                || c == '/'
                || c == '-';
    }

    static void checkLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("a label must have 1 to 512 characters: '" + label + "'");
        }
        for (int i = 0; i < label.length(); i++) {
            if (!isLabelChar(label.charAt(i))) {
                throw new IllegalArgumentException(
                        "a label may only contain letters, digits, '_', '.', '/' and '-': '" + label + "'");
            }
        }
    }

    /** A value containing both quote characters cannot be written in the language (it has no escapes). */
    static void checkValue(String value) {
        if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("a value cannot contain both ' and \": " + value);
        }
    }

    static String quote(String value) {
        return value.indexOf('"') >= 0 ? "'" + value + "'" : "\"" + value + "\"";
    }

    /** Sorted by code point (the byte order of the UTF-8 strings Calico compares), without duplicates. */
    static List<String> canonicalSet(List<String> values) {
        TreeSet<String> sorted = new TreeSet<>(SelectorText::compareCodePoints);
        for (String value : values) {
            checkValue(value);
            sorted.add(value);
        }
        return List.copyOf(sorted);
    }

    static boolean setContains(List<String> sortedValues, String value) {
        return Collections.binarySearch(sortedValues, value, SelectorText::compareCodePoints) >= 0;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static String set(List<String> values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(quote(values.get(i)));
        }
        return text.append('}').toString();
    }

    static List<Selector> operands(List<Selector> operands) {
        if (operands.size() < 2) {
            throw new IllegalArgumentException("'&&' and '||' need at least two operands");
        }
        return List.copyOf(operands);
    }

    static int strength(Selector selector) {
        return switch (selector) {
            case Selector.Or or -> OR;
            case Selector.And and -> AND;
            case Selector.Not not -> NOT;
            default -> ATOM;
        };
    }

    /** Prints an operand, in parentheses when it binds more weakly than {@code minimum}. */
    static String operand(Selector selector, int minimum) {
        return strength(selector) >= minimum ? selector.toString() : "(" + selector + ")";
    }

    static String join(List<Selector> operands, String operator, int minimum) {
        List<String> parts = new ArrayList<>(operands.size());
        for (Selector operand : operands) {
            parts.add(operand(operand, minimum));
        }
        return String.join(operator, parts);
    }
}
