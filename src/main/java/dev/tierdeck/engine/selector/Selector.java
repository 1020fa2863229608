package dev.tierdeck.engine.selector;

import java.util.List;

/**
 * A parsed Calico label selector (calico-semantics.md §3), one record per node of the syntax tree.
 *
 * <p>{@link #toString()} prints the canonical form (§3.5), which parses back to an equal tree: operators
 * with single spaces around them, {@code starts with}/{@code ends with}/{@code not in} spelled with a space,
 * sets de-duplicated and sorted with {@code ", "} between values, double quotes unless the value contains one,
 * and parentheses only where the tree needs them.
 */
public sealed interface Selector {

    /** Whether a set of labels matches, with the semantics of §3.2. */
    boolean matches(Labels labels);

    /** {@code all()} (and the empty selector): matches everything. */
    record All() implements Selector {
        @Override
        public boolean matches(Labels labels) {
            return true;
        }

        @Override
        public String toString() {
            return "all()";
        }
    }

    /**
     * {@code global()}: matches everything as a plain selector; only as the whole {@code namespaceSelector} of a
     * rule does it mean "non-namespaced peers" (§3.2), which the evaluator handles.
     */
    record Global() implements Selector {
        @Override
        public boolean matches(Labels labels) {
            return true;
        }

        @Override
        public String toString() {
            return "global()";
        }
    }

    /** {@code has(label)}: the label is present, with any value (empty included). */
    record Has(String label) implements Selector {
        public Has {
            SelectorText.checkLabel(label);
        }

        @Override
        public boolean matches(Labels labels) {
            return labels.get(label) != null;
        }

        @Override
        public String toString() {
            return "has(" + label + ")";
        }
    }

    /** {@code label == "value"}: present and equal. */
    record Equals(String label, String value) implements Selector {
        public Equals {
            SelectorText.checkLabel(label);
            SelectorText.checkValue(value);
        }

        @Override
        public boolean matches(Labels labels) {
            return value.equals(labels.get(label));
        }

        @Override
        public String toString() {
            return label + " == " + SelectorText.quote(value);
        }
    }

    /** {@code label != "value"}: absent, or present with another value (§3.2). */
    record NotEquals(String label, String value) implements Selector {
        public NotEquals {
            SelectorText.checkLabel(label);
            SelectorText.checkValue(value);
        }

        @Override
        public boolean matches(Labels labels) {
            return !value.equals(labels.get(label));
        }

        @Override
        public String toString() {
            return label + " != " + SelectorText.quote(value);
        }
    }

    /** {@code label in {...}}: present and one of the values; the values are kept de-duplicated and sorted. */
    record In(String label, List<String> values) implements Selector {
        public In {
            SelectorText.checkLabel(label);
            values = SelectorText.canonicalSet(values);
        }

        @Override
        public boolean matches(Labels labels) {
            String actual = labels.get(label);
            return actual != null && SelectorText.setContains(values, actual);
        }

        @Override
        public String toString() {
            return label + " in " + SelectorText.set(values);
        }
    }

    /** {@code label not in {...}}: absent, or present with a value outside the set (§3.2). */
    record NotIn(String label, List<String> values) implements Selector {
        public NotIn {
            SelectorText.checkLabel(label);
            values = SelectorText.canonicalSet(values);
        }

        @Override
        public boolean matches(Labels labels) {
            String actual = labels.get(label);
            return actual == null || !SelectorText.setContains(values, actual);
        }

        @Override
        public String toString() {
            return label + " not in " + SelectorText.set(values);
        }
    }

    /** {@code label contains "s"}: present and the value contains {@code s} (case-sensitive). */
    record Contains(String label, String value) implements Selector {
        public Contains {
            SelectorText.checkLabel(label);
            SelectorText.checkValue(value);
        }

        @Override
        public boolean matches(Labels labels) {
            String actual = labels.get(label);
            return actual != null && actual.contains(value);
        }

        @Override
        public String toString() {
            return label + " contains " + SelectorText.quote(value);
        }
    }

    /** {@code label starts with "s"}. */
    record StartsWith(String label, String value) implements Selector {
        public StartsWith {
            SelectorText.checkLabel(label);
            SelectorText.checkValue(value);
        }

        @Override
        public boolean matches(Labels labels) {
            String actual = labels.get(label);
            return actual != null && actual.startsWith(value);
        }

        @Override
        public String toString() {
            return label + " starts with " + SelectorText.quote(value);
        }
    }

    /** {@code label ends with "s"}. */
    record EndsWith(String label, String value) implements Selector {
        public EndsWith {
            SelectorText.checkLabel(label);
            SelectorText.checkValue(value);
        }

        @Override
        public boolean matches(Labels labels) {
            String actual = labels.get(label);
            return actual != null && actual.endsWith(value);
        }

        @Override
        public String toString() {
            return label + " ends with " + SelectorText.quote(value);
        }
    }

    /** {@code !operand}. The parser folds an even number of {@code !} away, so it never nests two of these. */
    record Not(Selector operand) implements Selector {
        @Override
        public boolean matches(Labels labels) {
            return !operand.matches(labels);
        }

        @Override
        public String toString() {
            return "!" + SelectorText.operand(operand, SelectorText.ATOM);
        }
    }

    /** {@code a && b && ...} with at least two operands, evaluated left to right with short-circuit. */
    record And(List<Selector> operands) implements Selector {
        public And {
            operands = SelectorText.operands(operands);
        }

        @Override
        public boolean matches(Labels labels) {
            for (int i = 0, n = operands.size(); i < n; i++) {
                if (!operands.get(i).matches(labels)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return SelectorText.join(operands, " && ", SelectorText.NOT);
        }
    }

    /** {@code a || b || ...} with at least two operands, evaluated left to right with short-circuit. */
    record Or(List<Selector> operands) implements Selector {
        public Or {
            operands = SelectorText.operands(operands);
        }

        @Override
        public boolean matches(Labels labels) {
            for (int i = 0, n = operands.size(); i < n; i++) {
                if (operands.get(i).matches(labels)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return SelectorText.join(operands, " || ", SelectorText.AND);
        }
    }
}
