package dev.tierdeck.engine.selector;

/** The outcome of parsing a selector: the selector, or a syntax error with its 0-based character position. */
public sealed interface ParseResult {

    /** The selector text parsed. */
    record Ok(Selector selector) implements ParseResult {}

    /**
     * The selector text does not parse.
     *
     * @param message what is wrong, e.g. {@code expected ')' after 'has(foo'}
     * @param position 0-based character offset in the selector text where the problem was found
     */
    record Error(String message, int position) implements ParseResult {}
}
