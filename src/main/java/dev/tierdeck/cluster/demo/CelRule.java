package dev.tierdeck.cluster.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code x-kubernetes-validations} rule of a CRD schema: the part of the Common Expression Language the Calico
 * schemas use (literals, {@code self} and field selection, {@code has()}, {@code size()}, {@code contains()},
 * {@code startsWith()}, {@code endsWith()}, {@code exists()} and {@code all()} over lists, comparisons, {@code !},
 * {@code &&}, {@code ||} and {@code ?:}). A rule outside that part is refused when the schema is loaded, never
 * skipped. Values compare as Kubernetes does: numbers by value, values of different types as unequal.
 */
final class CelRule {

    /** A rule that could not be evaluated (a missing field without {@code has()}, a wrong type). */
    static final class EvaluationException extends RuntimeException {
        EvaluationException(String message) {
            super(message);
        }
    }

    private sealed interface Expr {}

    private record Literal(Object value) implements Expr {}

    private record Ident(String name) implements Expr {}

    private record Select(Expr target, String field) implements Expr {}

    private record Has(Expr target, String field) implements Expr {}

    private record Call(String function, Expr target, List<Expr> args) implements Expr {}

    private record Comprehension(String macro, Expr target, String variable, Expr body) implements Expr {}

    private record Unary(String op, Expr operand) implements Expr {}

    private record Binary(String op, Expr left, Expr right) implements Expr {}

    private record Conditional(Expr test, Expr then, Expr otherwise) implements Expr {}

    private static final Object ABSENT = new Object();

    private final String text;
    private final Expr expr;

    private CelRule(String text, Expr expr) {
        this.text = text;
        this.expr = expr;
    }

    /** @throws IllegalArgumentException for a rule outside the supported part of CEL */
    static CelRule parse(String text) {
        Parser p = new Parser(text);
        Expr e = p.conditional();
        p.expectEnd();
        return new CelRule(text, e);
    }

    String text() {
        return text;
    }

    /** Evaluates the rule with {@code self} bound to {@code value} (a JSON-like value). */
    boolean holds(Object value) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("self", value);
        Object result = eval(expr, scope);
        if (!(result instanceof Boolean b)) {
            throw new EvaluationException("the rule does not yield a boolean");
        }
        return b;
    }

    private static Object eval(Expr e, Map<String, Object> scope) {
        return switch (e) {
            case Literal l -> l.value();
            case Ident i -> {
                if (!scope.containsKey(i.name())) {
                    throw new EvaluationException("undeclared reference to '" + i.name() + "'");
                }
                yield scope.get(i.name());
            }
            case Select s -> {
                Object target = eval(s.target(), scope);
                Object value = target instanceof Map<?, ?> m && m.containsKey(s.field()) ? m.get(s.field()) : ABSENT;
                if (value == ABSENT || value == null) {
                    throw new EvaluationException("no such key: " + s.field());
                }
                yield value;
            }
            case Has h -> eval(h.target(), scope) instanceof Map<?, ?> m && m.get(h.field()) != null;
            case Call c -> call(c, scope);
            case Comprehension c -> {
                if (!(eval(c.target(), scope) instanceof List<?> list)) {
                    throw new EvaluationException(c.macro() + "() needs a list");
                }
                boolean all = c.macro().equals("all");
                for (Object item : list) {
                    Map<String, Object> inner = new HashMap<>(scope);
                    inner.put(c.variable(), item);
                    if (truth(eval(c.body(), inner)) != all) {
                        yield !all;
                    }
                }
                yield all;
            }
            case Unary u -> !truth(eval(u.operand(), scope));
            case Binary b ->
                switch (b.op()) {
                    case "&&" -> truth(eval(b.left(), scope)) && truth(eval(b.right(), scope));
                    case "||" -> truth(eval(b.left(), scope)) || truth(eval(b.right(), scope));
                    case "==" -> equal(eval(b.left(), scope), eval(b.right(), scope));
                    case "!=" -> !equal(eval(b.left(), scope), eval(b.right(), scope));
                    default -> compare(b.op(), eval(b.left(), scope), eval(b.right(), scope));
                };
            case Conditional c -> truth(eval(c.test(), scope)) ? eval(c.then(), scope) : eval(c.otherwise(), scope);
        };
    }

    private static Object call(Call c, Map<String, Object> scope) {
        Object target = eval(c.target(), scope);
        switch (c.function()) {
            case "size" -> {
                return switch (target) {
                    case String s -> (long) s.codePointCount(0, s.length());
                    case List<?> l -> (long) l.size();
                    case Map<?, ?> m -> (long) m.size();
                    default -> throw new EvaluationException("size() of a " + type(target));
                };
            }
            case "contains", "startsWith", "endsWith" -> {
                Object arg = eval(c.args().getFirst(), scope);
                if (!(target instanceof String s) || !(arg instanceof String a)) {
                    throw new EvaluationException(c.function() + "() needs strings");
                }
                return switch (c.function()) {
                    case "contains" -> s.contains(a);
                    case "startsWith" -> s.startsWith(a);
                    default -> s.endsWith(a);
                };
            }
            default -> throw new EvaluationException("unknown function " + c.function());
        }
    }

    private static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new EvaluationException("a " + type(value) + " where a boolean is needed");
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    private static boolean compare(String op, Object a, Object b) {
        int c;
        if (a instanceof Number x && b instanceof Number y) {
            c = Double.compare(x.doubleValue(), y.doubleValue());
        } else if (a instanceof String x && b instanceof String y) {
            c = x.compareTo(y);
        } else {
            throw new EvaluationException("no ordering between " + type(a) + " and " + type(b));
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static String type(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "string";
            case Boolean b -> "bool";
            case Number n -> "number";
            case List<?> l -> "list";
            case Map<?, ?> m -> "map";
            default -> value.getClass().getSimpleName();
        };
    }

    /** A recursive-descent parser over the expression text, with CEL's precedence. */
    private static final class Parser {

        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private int at;

        Parser(String text) {
            this.text = text;
            tokenize();
        }

        private void tokenize() {
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (Character.isWhitespace(ch)) {
                    i++;
                } else if (ch == '\'' || ch == '"') {
                    int end = text.indexOf(ch, i + 1);
                    if (end < 0) {
                        throw unsupported("an unterminated string");
                    }
                    tokens.add(text.substring(i, end + 1));
                    i = end + 1;
                } else if (Character.isDigit(ch)) {
                    int j = i;
                    while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                        j++;
                    }
                    tokens.add(text.substring(i, j));
                    i = j;
                } else if (Character.isLetter(ch) || ch == '_') {
                    int j = i;
                    while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                        j++;
                    }
                    tokens.add(text.substring(i, j));
                    i = j;
                } else {
                    String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                    if (List.of("&&", "||", "==", "!=", "<=", ">=").contains(two)) {
                        tokens.add(two);
                        i += 2;
                    } else if ("!<>?:().,".indexOf(ch) >= 0) {
                        tokens.add(String.valueOf(ch));
                        i++;
                    } else {
                        throw unsupported("'" + ch + "'");
                    }
                }
            }
        }

        private IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException("unsupported in rule \"" + text + "\": " + what);
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : "";
        }

        private boolean accept(String token) {
            if (peek().equals(token)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw unsupported("expected '" + token + "' at '" + peek() + "'");
            }
        }

        void expectEnd() {
            if (at != tokens.size()) {
                throw unsupported("unexpected '" + peek() + "'");
            }
        }

        Expr conditional() {
            Expr test = or();
            if (accept("?")) {
                Expr then = conditional();
                expect(":");
                return new Conditional(test, then, conditional());
            }
            return test;
        }

        private Expr or() {
            Expr e = and();
            while (accept("||")) {
                e = new Binary("||", e, and());
            }
            return e;
        }

        private Expr and() {
            Expr e = relation();
            while (accept("&&")) {
                e = new Binary("&&", e, relation());
            }
            return e;
        }

        private Expr relation() {
            Expr e = unary();
            for (String op = peek(); List.of("==", "!=", "<", "<=", ">", ">=").contains(op); op = peek()) {
                at++;
                e = new Binary(op, e, unary());
            }
            return e;
        }

        private Expr unary() {
            if (accept("!")) {
                return new Unary("!", unary());
            }
            return member();
        }

        private Expr member() {
            Expr e = primary();
            while (accept(".")) {
                String name = peek();
                at++;
                if (!accept("(")) {
                    e = new Select(e, name);
                    continue;
                }
                if (name.equals("exists") || name.equals("all")) {
                    String variable = peek();
                    at++;
                    expect(",");
                    Expr body = conditional();
                    expect(")");
                    e = new Comprehension(name, e, variable, body);
                } else if (List.of("contains", "startsWith", "endsWith").contains(name)) {
                    Expr arg = conditional();
                    expect(")");
                    e = new Call(name, e, List.of(arg));
                } else {
                    throw unsupported("the method " + name + "()");
                }
            }
            return e;
        }

        private Expr primary() {
            String t = peek();
            at++;
            if (t.equals("(")) {
                Expr e = conditional();
                expect(")");
                return e;
            }
            if (t.startsWith("'") || t.startsWith("\"")) {
                return new Literal(t.substring(1, t.length() - 1));
            }
            if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
                return new Literal(t.contains(".") ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t));
            }
            switch (t) {
                case "true" -> {
                    return new Literal(Boolean.TRUE);
                }
                case "false" -> {
                    return new Literal(Boolean.FALSE);
                }
                case "has" -> {
                    expect("(");
                    Expr arg = member();
                    expect(")");
                    if (!(arg instanceof Select s)) {
                        throw unsupported("has() of something other than a field");
                    }
                    return new Has(s.target(), s.field());
                }
                case "size" -> {
                    expect("(");
                    Expr arg = conditional();
                    expect(")");
                    return new Call("size", arg, List.of());
                }
                default -> {
                    if (!t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
                        return new Ident(t);
                    }
                    throw unsupported("'" + t + "'");
                }
            }
        }
    }
}
