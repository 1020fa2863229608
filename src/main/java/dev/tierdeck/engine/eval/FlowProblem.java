package dev.tierdeck.engine.eval;

/** A line of a flows file that cannot be read: source, 1-based line, field and message. */
public record FlowProblem(String source, int line, String field, String message) {
    @Override
    public String toString() {
        return source + ": line " + line + (field.isEmpty() ? "" : ": " + field) + ": " + message;
    }
}
