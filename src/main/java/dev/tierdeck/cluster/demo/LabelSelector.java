package dev.tierdeck.cluster.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes label selectors ({@code a=b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a},
 * {@code !a}, comma = and). The demo cluster's store ignores set-based requirements, so the dispatcher evaluates
 * them here.
 */
final class LabelSelector {

    private static final Pattern SET = Pattern.compile("^([\\w./-]+)\\s+(in|notin)\\s*\\(([^)]*)\\)$");
    private static final Pattern EQUALS = Pattern.compile("^([\\w./-]+)\\s*(==|=|!=)\\s*([\\w.-]*)$");
    private static final Pattern EXISTS = Pattern.compile("^(!?)([\\w./-]+)$");

    private final Predicate<Map<String, String>> predicate;

    private LabelSelector(Predicate<Map<String, String>> predicate) {
        this.predicate = predicate;
    }

    static boolean isSetBased(String selector) {
        return splitTerms(selector).stream().anyMatch(t -> SET.matcher(t).matches());
    }

    static LabelSelector parse(String selector) {
        Predicate<Map<String, String>> all = labels -> true;
        for (String term : splitTerms(selector)) {
            all = all.and(term(term));
        }
        return new LabelSelector(all);
    }

    boolean matches(Map<String, String> labels) {
        return predicate.test(labels);
    }

    private static Predicate<Map<String, String>> term(String term) {
        Matcher set = SET.matcher(term);
        if (set.matches()) {
            String key = set.group(1);
            Set<String> values = Set.of(
                    set.group(3).trim().isEmpty()
                            ? new String[0]
                            : set.group(3).trim().split("\\s*,\\s*"));
            boolean in = set.group(2).equals("in");
            return labels -> in == (labels.containsKey(key) && values.contains(labels.get(key)));
        }
        Matcher eq = EQUALS.matcher(term);
        if (eq.matches()) {
            String key = eq.group(1);
            String value = eq.group(3);
            boolean negated = eq.group(2).equals("!=");
            return labels -> negated != value.equals(labels.get(key));
        }
        Matcher exists = EXISTS.matcher(term);
        if (exists.matches()) {
            boolean negated = !exists.group(1).isEmpty();
            String key = exists.group(2);
            return labels -> negated != labels.containsKey(key);
        }
        throw new IllegalArgumentException("unable to parse requirement '" + term + "'");
    }

    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : selector.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                terms.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            terms.add(current.toString().trim());
        }
        return terms.stream().filter(t -> !t.isEmpty()).toList();
    }
}
