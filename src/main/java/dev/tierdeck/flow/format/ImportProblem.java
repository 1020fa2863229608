package dev.tierdeck.flow.format;

import org.jspecify.annotations.Nullable;

/** What is wrong with an imported file, and where: line (from 1) and, when known, the field. */
public record ImportProblem(int line, @Nullable String field, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + (field == null ? "" : field + ": ") + message;
    }
}
