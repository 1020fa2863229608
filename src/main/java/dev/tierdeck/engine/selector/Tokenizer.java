package dev.tierdeck.engine.selector;

import dev.tierdeck.engine.selector.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits selector text into tokens (calico-semantics.md §3.1). Only space and tab are whitespace. The
 * keywords {@code in}, {@code not in}/{@code notin}, {@code contains}, {@code starts with}/{@code startswith},
 * {@code ends with}/{@code endswith} are recognised only right after a label and only when a non-label character
 * follows them, so labels may themselves be keywords. {@code has(}, {@code all(} and {@code global(} must be
 * written without a space before the parenthesis.
 */
final class Tokenizer {

    private final String text;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();

    private Tokenizer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        Tokenizer tokenizer = new Tokenizer(text);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.EOF, "", pos, pos));
                return;
            }
            if (afterLabel() && keyword()) {
                continue;
            }
            next();
        }
    }

    private boolean afterLabel() {
        return !tokens.isEmpty() && tokens.getLast().kind() == Kind.LABEL;
    }

    private void next() {
        int start = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> single(Kind.LPAREN);
            case ')' -> single(Kind.RPAREN);
            case '{' -> single(Kind.LBRACE);
            case '}' -> single(Kind.RBRACE);
            case ',' -> single(Kind.COMMA);
            case '!' -> {
                if (peek(1) == '=') {
                    emit(Kind.NE, start, start + 2);
                } else {
                    single(Kind.NOT);
                }
            }
            case '=' -> pair('=', Kind.EQ, "expected '==' but found a single '='");
            case '&' -> pair('&', Kind.AND, "expected '&&' but found a single '&'");
            case '|' -> pair('|', Kind.OR, "expected '||' but found a single '|'");
            case '"', '\'' -> string(c);
            default -> {
                if (SelectorText.isLabelChar(c)) {
                    labelOrFunction();
                } else {
                    throw new SyntaxError("unexpected " + describeChar(c), start);
                }
            }
        }
    }

    private void single(Kind kind) {
        emit(kind, pos, pos + 1);
    }

    private void pair(char second, Kind kind, String message) {
        if (peek(1) != second) {
            throw new SyntaxError(message, pos);
        }
        emit(kind, pos, pos + 2);
    }

    private void emit(Kind kind, int start, int end) {
        tokens.add(new Token(kind, text.substring(start, end), start, end));
        pos = end;
    }

    private void string(char quote) {
        int start = pos;
        int close = text.indexOf(quote, start + 1);
        if (close < 0) {
            throw new SyntaxError(
                    "unterminated string: the " + quote + " at position " + start + " is never closed", start);
        }
        tokens.add(new Token(Kind.STRING, text.substring(start + 1, close), start, close + 1));
        pos = close + 1;
    }

    private void labelOrFunction() {
        int start = pos;
        int end = labelEnd(start);
        String word = text.substring(start, end);
        if (peekAt(end) == '(') {
            switch (word) {
                case "has" -> {
                    has(start, end + 1);
                    return;
                }
                case "all" -> {
                    emptyCall(Kind.ALL, start, end + 1);
                    return;
                }
                case "global" -> {
                    emptyCall(Kind.GLOBAL, start, end + 1);
                    return;
                }
                default -> {}
            }
        }
        checkLabelLength(word, start);
        tokens.add(new Token(Kind.LABEL, word, start, end));
        pos = end;
    }

    /** {@code has(} ws* label ws* {@code )}, with {@code pos} just after the parenthesis. */
    private void has(int start, int afterParen) {
        pos = afterParen;
        skipWhitespace();
        int labelStart = pos;
        int labelEnd = labelEnd(labelStart);
        if (labelEnd == labelStart) {
            throw new SyntaxError("expected a label after 'has(' but found " + describeAt(labelStart), labelStart);
        }
        String label = text.substring(labelStart, labelEnd);
        checkLabelLength(label, labelStart);
        pos = labelEnd;
        skipWhitespace();
        if (peekAt(pos) != ')') {
            throw new SyntaxError("expected ')' after 'has(" + label + "' but found " + describeAt(pos), pos);
        }
        pos++;
        tokens.add(new Token(Kind.HAS, label, start, pos));
    }

    private void emptyCall(Kind kind, int start, int afterParen) {
        String name = text.substring(start, afterParen);
        pos = afterParen;
        skipWhitespace();
        if (peekAt(pos) != ')') {
            throw new SyntaxError("expected ')' after '" + name + "' but found " + describeAt(pos), pos);
        }
        pos++;
        tokens.add(new Token(kind, text.substring(start, pos), start, pos));
    }

    /** Tries the operator keywords at {@code pos}; they only count when a non-label character follows. */
    private boolean keyword() {
        int start = pos;
        int end;
        if ((end = word(start, "in")) >= 0) {
            return keyword(Kind.IN, start, end);
        }
        if ((end = word(start, "contains")) >= 0) {
            return keyword(Kind.CONTAINS, start, end);
        }
        if ((end = twoWords(start, "not", "in")) >= 0) {
            return keyword(Kind.NOT_IN, start, end);
        }
        if ((end = twoWords(start, "starts", "with")) >= 0) {
            return keyword(Kind.STARTS_WITH, start, end);
        }
        if ((end = twoWords(start, "ends", "with")) >= 0) {
            return keyword(Kind.ENDS_WITH, start, end);
        }
        return false;
    }

    private boolean keyword(Kind kind, int start, int end) {
        emit(kind, start, end);
        return true;
    }

    /** End of {@code word} at {@code from} when a non-label character (or the end) follows, else -1. */
    private int word(int from, String word) {
        if (!text.startsWith(word, from)) {
            return -1;
        }
        int end = from + word.length();
        return end < text.length() && SelectorText.isLabelChar(text.charAt(end)) ? -1 : end;
    }

    /** {@code first} ws* {@code second}, e.g. {@code not in} or {@code notin}. */
    private int twoWords(int from, String first, String second) {
        if (!text.startsWith(first, from)) {
            return -1;
        }
        int at = from + first.length();
        while (at < text.length() && isWhitespace(text.charAt(at))) {
            at++;
        }
        return word(at, second);
    }

    private int labelEnd(int from) {
        int end = from;
        while (end < text.length() && SelectorText.isLabelChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static void checkLabelLength(String label, int start) {
        if (label.length() > SelectorText.MAX_LABEL_LENGTH) {
            throw new SyntaxError(
                    "label is " + label.length() + " characters long; at most " + SelectorText.MAX_LABEL_LENGTH
                            + " are allowed",
                    start);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private char peek(int offset) {
        return peekAt(pos + offset);
    }

    private char peekAt(int at) {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private String describeAt(int at) {
        return at < text.length() ? describeChar(text.charAt(at)) : "the end of the selector";
    }

    /** Names a character for a message; invisible ones by name, with a hint about what whitespace is. */
    static String describeChar(char c) {
        String hint = " (only space and tab are whitespace in a selector)";
        if (c == '\n') {
            return "newline" + hint;
        }
        if (c == '\r') {
            return "carriage return" + hint;
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return String.format("character U+%04X", (int) c) + hint;
        }
        return "character '" + c + "'";
    }
}
