package dev.tierdeck.engine.selector;

/** Thrown by {@link Selectors#parseOrThrow} for selector text that does not parse. */
public final class SelectorSyntaxException extends IllegalArgumentException {

    private final String message;
    private final int position;

    SelectorSyntaxException(String text, String message, int position) {
        super("invalid selector \"" + text + "\": " + message + " (at position " + position + ")");
        this.message = message;
        this.position = position;
    }

    /** What is wrong, without the selector text or the position. */
    public String message() {
        return message;
    }

    /** 0-based character offset of the problem in the selector text. */
    public int position() {
        return position;
    }
}
