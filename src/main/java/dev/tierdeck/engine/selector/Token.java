package dev.tierdeck.engine.selector;

/**
 * One token of a selector.
 *
 * @param value the label of {@code LABEL} and {@code HAS}, the unquoted text of {@code STRING}, otherwise the
 *     source text
 * @param position 0-based offset of the token's first character
 * @param end offset just after the token
 */
record Token(Kind kind, String value, int position, int end) {

    enum Kind {
        LABEL("a label"),
        STRING("a quoted string"),
        HAS("has(...)"),
        ALL("all()"),
        GLOBAL("global()"),
        EQ("'=='"),
        NE("'!='"),
        IN("'in'"),
        NOT_IN("'not in'"),
        CONTAINS("'contains'"),
        STARTS_WITH("'starts with'"),
        ENDS_WITH("'ends with'"),
        NOT("'!'"),
        AND("'&&'"),
        OR("'||'"),
        LPAREN("'('"),
        RPAREN("')'"),
        LBRACE("'{'"),
        RBRACE("'}'"),
        COMMA("','"),
        EOF("the end of the selector");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** How an error message names this token: its text, or "the end of the selector". */
    String describe() {
        return switch (kind) {
            case EOF -> kind.description();
            case LABEL -> "label '" + value + "'";
            case STRING -> "string " + SelectorText.quote(value);
            case HAS -> "has(" + value + ")";
            default -> "'" + value + "'";
        };
    }
}
