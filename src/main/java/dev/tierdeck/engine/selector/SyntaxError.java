package dev.tierdeck.engine.selector;

/** Internal signal from the tokenizer and parser; surfaces as {@link ParseResult.Error}. */
final class SyntaxError extends RuntimeException {

    private final int position;

    SyntaxError(String message, int position) {
        super(message, null, false, false);
        this.position = position;
    }

    int position() {
        return position;
    }
}
