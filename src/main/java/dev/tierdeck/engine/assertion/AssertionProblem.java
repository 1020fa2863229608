package dev.tierdeck.engine.assertion;

import org.jspecify.annotations.Nullable;

/**
 * Something wrong in an assertions file.
 *
 * @param source the file name (or the name the caller gave)
 * @param line 1-based line where the assertion (or the problem) starts; 0 when the whole source is concerned
 * @param index 1-based position of the assertion in the list; 0 when no assertion is concerned
 * @param name the assertion's name when it has a readable one
 * @param field the field, e.g. {@code source.selector} or {@code ports[2]}; empty for the whole assertion
 * @param message what is wrong
 */
public record AssertionProblem(
        String source, int line, int index, @Nullable String name, String field, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(source);
        if (line > 0) {
            s.append(": line ").append(line);
        }
        if (index > 0) {
            s.append(": assertion ").append(index);
            if (name != null) {
                s.append(" (").append(name).append(')');
            }
        }
        if (!field.isEmpty()) {
            s.append(": ").append(field);
        }
        return s.append(": ").append(message).toString();
    }
}
