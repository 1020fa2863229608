package dev.tierdeck.engine.selector;

import dev.tierdeck.engine.selector.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the grammar of calico-semantics.md §3.1. Precedence, weakest first:
 * {@code ||}, {@code &&}, {@code !}, parentheses and match operators. Any number of {@code !} may precede a
 * primary; pairs cancel, so the tree holds at most one {@link Selector.Not} there.
 */
final class Parser {

    /** Parentheses nest at most this deep: parsing recurses per level, and no real selector comes close. */
    static final int MAX_NESTING = 64;

    private static final String EXPRESSION_START = "a label, has(...), all(), global(), '!' or '('";
    private static final String OPERATORS = "'==', '!=', 'in', 'not in', 'contains', 'starts with' or 'ends with'";

    private final List<Token> tokens;
    private int index;
    private int openParens;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses {@code text}; throws {@link SyntaxError} when it does not parse. */
    static Selector parse(String text) {
        Parser parser = new Parser(Tokenizer.tokenize(text));
        if (parser.peek().kind() == Kind.EOF) {
            return new Selector.All();
        }
        Selector selector = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.EOF) {
            throw new SyntaxError(
                    rest.kind() == Kind.RPAREN
                            ? "unexpected ')' with no matching '('"
                            : "expected '&&', '||' or the end of the selector after "
                                    + parser.previous(1).describe() + " but found " + rest.describe(),
                    rest.position());
        }
        return selector;
    }

    private Selector or() {
        Selector first = and();
        if (peek().kind() != Kind.OR) {
            return first;
        }
        List<Selector> operands = new ArrayList<>();
        operands.add(first);
        while (peek().kind() == Kind.OR) {
            index++;
            operands.add(and());
        }
        return new Selector.Or(operands);
    }

    private Selector and() {
        Selector first = unary();
        if (peek().kind() != Kind.AND) {
            return first;
        }
        List<Selector> operands = new ArrayList<>();
        operands.add(first);
        while (peek().kind() == Kind.AND) {
            index++;
            operands.add(unary());
        }
        return new Selector.And(operands);
    }

    private Selector unary() {
        boolean negated = false;
        while (peek().kind() == Kind.NOT) {
            negated = !negated;
            index++;
        }
        Selector primary = primary();
        return negated ? new Selector.Not(primary) : primary;
    }

    private Selector primary() {
        Token token = advance();
        return switch (token.kind()) {
            case HAS -> new Selector.Has(token.value());
            case ALL -> new Selector.All();
            case GLOBAL -> new Selector.Global();
            case LABEL -> comparison(token);
            case LPAREN -> group(token);
            case EOF ->
                throw new SyntaxError(
                        "expected " + EXPRESSION_START + " but reached the end of the selector" + after(token),
                        token.position());
            case STRING ->
                throw new SyntaxError(
                        "a quoted string cannot start an expression (the label comes first, e.g. app == \"web\"); expected "
                                + EXPRESSION_START,
                        token.position());
            case RPAREN ->
                throw new SyntaxError(
                        openParens == 0
                                ? "unexpected ')' with no matching '('"
                                : previous(2).kind() == Kind.LPAREN
                                        ? "expected an expression between '(' and ')'"
                                        : "expected " + EXPRESSION_START + " but found ')'" + after(token),
                        token.position());
            default ->
                throw new SyntaxError(
                        "expected " + EXPRESSION_START + " but found " + token.describe() + after(token),
                        token.position());
        };
    }

    private Selector group(Token open) {
        if (openParens >= MAX_NESTING) {
            throw new SyntaxError(
                    "parentheses are nested more than " + MAX_NESTING + " deep; simplify the selector",
                    open.position());
        }
        openParens++;
        Selector inner = or();
        openParens--;
        Token close = peek();
        if (close.kind() != Kind.RPAREN) {
            throw new SyntaxError(
                    "expected ')' to close the '(' at position " + open.position() + " but found " + close.describe(),
                    close.position());
        }
        index++;
        return inner;
    }

    private Selector comparison(Token label) {
        Token operator = advance();
        return switch (operator.kind()) {
            case EQ -> new Selector.Equals(label.value(), string(label, operator));
            case NE -> new Selector.NotEquals(label.value(), string(label, operator));
            case CONTAINS -> new Selector.Contains(label.value(), string(label, operator));
            case STARTS_WITH -> new Selector.StartsWith(label.value(), string(label, operator));
            case ENDS_WITH -> new Selector.EndsWith(label.value(), string(label, operator));
            case IN -> new Selector.In(label.value(), set(label, operator));
            case NOT_IN -> new Selector.NotIn(label.value(), set(label, operator));
            default ->
                throw new SyntaxError(
                        "expected " + OPERATORS + " after label '" + label.value() + "' but found "
                                + operator.describe()
                                + (operator.kind() == Kind.LPAREN && isFunctionName(label.value())
                                        ? " (write '" + label.value() + "(' without a space)"
                                        : ""),
                        operator.position());
        };
    }

    private String string(Token label, Token operator) {
        Token value = advance();
        if (value.kind() != Kind.STRING) {
            throw new SyntaxError(
                    "expected a quoted string after '" + label.value() + " " + operator.value() + "' but found "
                            + value.describe(),
                    value.position());
        }
        return value.value();
    }

    /** {@code { [ string { , string } [ , ] ] }}: empty sets and a trailing comma are accepted. */
    private List<String> set(Token label, Token operator) {
        Token open = advance();
        if (open.kind() != Kind.LBRACE) {
            throw new SyntaxError(
                    "expected '{' after '" + label.value() + " " + operator.value() + "' but found " + open.describe(),
                    open.position());
        }
        List<String> values = new ArrayList<>();
        while (true) {
            Token token = advance();
            if (token.kind() == Kind.RBRACE) {
                return values;
            }
            if (token.kind() != Kind.STRING) {
                throw new SyntaxError(
                        "expected a quoted string or '}' in the set opened at position " + open.position()
                                + " but found " + token.describe(),
                        token.position());
            }
            values.add(token.value());
            Token separator = advance();
            if (separator.kind() == Kind.RBRACE) {
                return values;
            }
            if (separator.kind() != Kind.COMMA) {
                throw new SyntaxError(
                        "expected ',' or '}' after " + token.describe() + " in the set opened at position "
                                + open.position() + " but found " + separator.describe(),
                        separator.position());
            }
        }
    }

    private static boolean isFunctionName(String label) {
        return label.equals("has") || label.equals("all") || label.equals("global");
    }

    private String after(Token token) {
        if (index < 2) {
            return "";
        }
        Token before = previous(2);
        return " after " + before.describe();
    }

    /** The next token; the tokenizer always ends the list with {@code EOF}. */
    private Token peek() {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    private Token advance() {
        Token token = peek();
        index++;
        return token;
    }

    /** A consumed token, counting back from the last one consumed ({@code back} = 1). */
    private Token previous(int back) {
        return tokens.get(index - back);
    }
}
