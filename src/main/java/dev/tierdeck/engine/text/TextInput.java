package dev.tierdeck.engine.text;

import org.jspecify.annotations.Nullable;

/**
 * The one rule every free-text input follows before it is stored or used (by the portal's screens and API, the
 * manifest decoder, flow imports): bounded, and free of characters that mean nothing in it. PostgreSQL cannot store a NUL, a control character in a name or a comment is
 * never meant, and half of a surrogate pair cannot be stored as it was hashed into the audit chain.
 *
 * <p>{@link #problem} returns the reason as the end of a sentence ("contains a control character (U+0000) at position
 * 2"), so that each module puts it after its own field name and answers 400 or 422 naming the field.
 */
public final class TextInput {

    /** What a field may hold besides printable characters. */
    public enum Kind {
        /** One line: a name, a group, a filter. No control character at all. */
        LINE,
        /** Prose: a purpose, a description, a comment. Tabs and line breaks, no other control character. */
        TEXT
    }

    private TextInput() {}

    /**
     * Why {@code text} cannot be taken, or null when it can.
     *
     * @param maxLength the most characters the field holds
     */
    public static @Nullable String problem(@Nullable String text, Kind kind, int maxLength) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            return "is " + text.length() + " characters long; at most " + maxLength + " are allowed";
        }
        int at = unwanted(text, kind);
        if (at < 0) {
            return null;
        }
        char c = text.charAt(at);
        return "contains "
                + (Character.isSurrogate(c)
                        ? "half of a surrogate pair"
                        : String.format("a control character (U+%04X)", (int) c))
                + " at position " + (at + 1) + ", which is not allowed";
    }

    /** The index of the first character {@code kind} does not allow, or -1. */
    public static int unwanted(String text, Kind kind) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean allowedControl = kind == Kind.TEXT && (c == '\t' || c == '\n' || c == '\r');
            if ((Character.isISOControl(c) && !allowedControl) || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
