package dev.tierdeck.policy.editor;

import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One selector as the editor shows it: rows of key / operator / values joined by {@code &&}, or a raw expression
 * when the selector is more than the rows can say. Mutable because the rows grow and shrink on the server when the
 * page is used without JavaScript.
 *
 * <p>The rows are only offered for a selector whose canonical printing (calico-semantics §3.5) is exactly the text
 * that was written, so turning the rows back into text gives the very same string: nothing is re-spelled behind the
 * user's back.
 */
public final class SelectorForm {

    static final String ROWS = "rows";
    static final String EXPRESSION = "expression";
    static final List<String> OPERATORS = List.of("==", "!=", "has", "!has", "in", "not in");

    private String mode = ROWS;
    private List<Row> rows = new ArrayList<>();
    private String expression = "";

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = EXPRESSION.equals(mode) ? EXPRESSION : ROWS;
    }

    public List<Row> getRows() {
        return rows;
    }

    public void setRows(List<Row> rows) {
        this.rows = rows;
    }

    public String getExpression() {
        return expression;
    }

    /** Kept exactly as typed: the expression is the selector text, spaces and all. */
    public void setExpression(@Nullable String expression) {
        this.expression = expression == null ? "" : expression;
    }

    /**
     * The text for the expression input: in rows mode the rows as an expression, so that switching to an expression
     * starts from what the rows say.
     */
    public String getShownExpression() {
        if (isExpressionMode()) {
            return expression;
        }
        Result rows = toText("");
        return rows.text() == null ? "" : rows.text();
    }

    public boolean isExpressionMode() {
        return EXPRESSION.equals(mode);
    }

    static SelectorForm ofRows(Row... rows) {
        SelectorForm f = new SelectorForm();
        f.rows = new ArrayList<>(Arrays.asList(rows));
        return f;
    }

    static SelectorForm ofExpression(String text) {
        SelectorForm f = new SelectorForm();
        f.mode = EXPRESSION;
        f.expression = text;
        return f;
    }

    /**
     * The form for a selector field: rows when the text is their exact printing, the raw expression otherwise.
     * {@code emptyText} is what zero rows stand for in this field (an omitted field is {@code null}).
     */
    static SelectorForm of(@Nullable String text, @Nullable String emptyText) {
        if (java.util.Objects.equals(text, emptyText)) {
            return new SelectorForm();
        }
        if (text == null) {
            // Only reachable when zero rows mean something else; an omitted field has no rows to show.
            return new SelectorForm();
        }
        List<Row> rows = rowsOf(text);
        if (rows != null) {
            SelectorForm f = new SelectorForm();
            f.rows = rows;
            Result back = f.toText(emptyText);
            if (back.error() == null && text.equals(back.text())) {
                return f;
            }
        }
        return ofExpression(text);
    }

    private static @Nullable List<Row> rowsOf(String text) {
        if (!(Selectors.parse(text) instanceof ParseResult.Ok ok)) {
            return null;
        }
        List<Selector> terms = ok.selector() instanceof Selector.And and ? and.operands() : List.of(ok.selector());
        List<Row> rows = new ArrayList<>();
        for (Selector term : terms) {
            Row row = switch (term) {
                case Selector.Equals e -> new Row(e.label(), "==", e.value());
                case Selector.NotEquals e -> new Row(e.label(), "!=", e.value());
                case Selector.Has h -> new Row(h.label(), "has", "");
                case Selector.Not n when n.operand() instanceof Selector.Has h -> new Row(h.label(), "!has", "");
                case Selector.In in -> new Row(in.label(), "in", String.join(", ", in.values()));
                case Selector.NotIn in -> new Row(in.label(), "not in", String.join(", ", in.values()));
                default -> null;
            };
            if (row == null) {
                return null;
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The selector text: the expression as typed, or the rows printed canonically; zero rows give
     * {@code emptyText}. A row that cannot be written comes back as an error naming the row.
     */
    Result toText(@Nullable String emptyText) {
        if (isExpressionMode()) {
            return expression.length() > Selectors.MAX_LENGTH
                    ? tooLong(expression.length())
                    : new Result(expression, null);
        }
        List<Selector> terms = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.isBlank()) {
                continue;
            }
            try {
                terms.add(row.toSelector());
            } catch (IllegalArgumentException e) {
                return new Result(null, "Row " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (terms.isEmpty()) {
            return new Result(emptyText, null);
        }
        Selector s = terms.size() == 1 ? terms.getFirst() : new Selector.And(terms);
        String text = s.toString();
        return text.length() > Selectors.MAX_LENGTH ? tooLong(text.length()) : new Result(text, null);
    }

    /** The same bound as the API's: such a selector is never parsed, previewed or cached. */
    private static Result tooLong(int length) {
        return new Result(
                null,
                "The selector is " + length + " characters long; Calico takes at most " + Selectors.MAX_LENGTH + ".");
    }

    /** Selector text or a message saying which row is wrong. */
    record Result(@Nullable String text, @Nullable String error) {}

    /** One {@code key operator value(s)} term; {@code values} is comma-separated for {@code in} and {@code not in}. */
    public static final class Row {
        private String key = "";
        private String operator = "==";
        private String values = "";

        public Row() {}

        /** As bound from a form: trimmed, so a row read from a selector prints back only if nothing was trimmed. */
        Row(String key, String operator, String values) {
            setKey(key);
            setOperator(operator);
            setValues(values);
        }

        public String getKey() {
            return key;
        }

        public void setKey(@Nullable String key) {
            this.key = key == null ? "" : key.strip();
        }

        public String getOperator() {
            return operator;
        }

        public void setOperator(@Nullable String operator) {
            this.operator = operator == null || !OPERATORS.contains(operator) ? "==" : operator;
        }

        public String getValues() {
            return values;
        }

        public void setValues(@Nullable String values) {
            this.values = values == null ? "" : values.strip();
        }

        boolean isBlank() {
            return key.isEmpty() && values.isEmpty();
        }

        Selector toSelector() {
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a label key is required");
            }
            return switch (operator) {
                case "!=" -> new Selector.NotEquals(key, values);
                case "has" -> new Selector.Has(key);
                case "!has" -> new Selector.Not(new Selector.Has(key));
                case "in" -> new Selector.In(key, list());
                case "not in" -> new Selector.NotIn(key, list());
                default -> new Selector.Equals(key, values);
            };
        }

        private List<String> list() {
            List<String> out = Arrays.stream(values.split(","))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .toList();
            if (out.isEmpty()) {
                throw new IllegalArgumentException("'" + operator + "' needs at least one value (comma-separated)");
            }
            return out;
        }
    }
}
