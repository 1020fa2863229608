package dev.tierdeck.policy.editor;

import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The structural edits the form's buttons ask for ({@code _action}): add, remove and move rules, add and remove
 * selector rows. The same values come from plain submit buttons and from htmx, so both paths share this code.
 *
 * <p>Values: {@code add-ingress}, {@code remove:egress:1}, {@code up:ingress:2}, {@code down:ingress:0},
 * {@code add-row:selector}, {@code add-row:ingress:0:pods}, {@code remove-row:namespaceSelector:3},
 * {@code remove-row:egress:1:networkSets:0}.
 */
final class FormActions {

    private FormActions() {}

    /** Whether the action changes the rule lists (htmx then swaps the rules fragment). */
    static boolean touchesRules(String action) {
        return action.startsWith("add-ingress")
                || action.startsWith("add-egress")
                || action.startsWith("remove:")
                || action.startsWith("up:")
                || action.startsWith("down:")
                || action.matches("(add|remove)-row:(ingress|egress):.*");
    }

    static boolean isStructural(String action) {
        return touchesRules(action) || action.startsWith("add-row:") || action.startsWith("remove-row:");
    }

    /** Applies the action; false when it names nothing that exists (a stale page), which changes nothing. */
    static boolean apply(PolicyForm form, String action) {
        String[] p = action.split(":");
        try {
            return switch (p[0]) {
                case "add-ingress" -> form.getIngress().add(RuleForm.narrow());
                case "add-egress" -> form.getEgress().add(RuleForm.narrow());
                case "remove" -> remove(form.rules(p[1]), index(p[2]));
                case "up" -> swap(form.rules(p[1]), index(p[2]) - 1);
                case "down" -> swap(form.rules(p[1]), index(p[2]));
                case "add-row" -> {
                    SelectorForm s = selector(form, p);
                    yield s != null && s.getRows().add(new SelectorForm.Row());
                }
                case "remove-row" -> {
                    SelectorForm s = selector(form, p);
                    yield s != null && remove(s.getRows(), index(p[p.length - 1]));
                }
                default -> false;
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return false;
        }
    }

    private static @Nullable SelectorForm selector(PolicyForm form, String[] p) {
        return switch (p[1]) {
            case "selector" -> form.getSelector();
            case "namespaceSelector" -> form.getNamespaceSelector();
            case "ingress", "egress" -> {
                List<RuleForm> rules = form.rules(p[1]);
                int i = index(p[2]);
                yield i < rules.size() ? rules.get(i).getPeer().selector(p[3]) : null;
            }
            default -> null;
        };
    }

    private static int index(String s) {
        int i = Integer.parseInt(s);
        if (i < 0 || i > 10_000) {
            throw new NumberFormatException();
        }
        return i;
    }

    private static boolean remove(List<?> list, int i) {
        if (i >= list.size()) {
            return false;
        }
        list.remove(i);
        return true;
    }

    /** Swaps entries {@code i} and {@code i + 1}. */
    private static boolean swap(List<?> list, int i) {
        if (i < 0 || i + 1 >= list.size()) {
            return false;
        }
        Collections.swap(list, i, i + 1);
        return true;
    }
}
