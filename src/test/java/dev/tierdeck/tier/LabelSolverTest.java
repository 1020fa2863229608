package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The solver decides by representative values, not by known spellings: checked against an exhaustive search over
 * small label values, and on the tautologies and near tautologies people write.
 */
class LabelSolverTest {

    private static final List<String> STRING_LITERALS = List.of("", "x", "y", "xy", "yx", "xx");
    private static final List<String> SET_LITERALS = List.of("p", "q");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "all()",
                "has(team) || !has(team)",
                "team == 'x' || team != 'x'",
                "team in {'x', 'y'} || team not in {'y', 'x'}",
                "!(has(team) && !has(team))",
                "!has(team) || team starts with ''",
                "team contains 'x' || !(team contains 'x') || !has(team)",
                "has(kubernetes.io/metadata.name)",
                "projectcalico.org/name starts with ''",
                "has(projectcalico.org/name) && (tier == 'a' || tier != 'a')",
                "!has(team) || team ends with 'a' || !(team ends with 'a')"
            })
    void everyNamespaceThereCouldBe(String namespaceSelector) {
        assertThat(LabelSolver.everyNamespace(namespaces(namespaceSelector))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "!has(x)",
                "has(team)",
                "team == 'x' || team == 'y'",
                "!has(team) || team starts with 'x' || team ends with 'x'",
                "!has(team) || team contains 'x' || team contains 'y'",
                "projectcalico.org/name != 'kube-system'",
                "team starts with 'a' || team not in {'b'} && has(team)",
                "global()  && has(team)"
            })
    void notEveryNamespace(String namespaceSelector) {
        assertThat(LabelSolver.everyNamespace(namespaces(namespaceSelector))).isFalse();
    }

    @Test
    void aNamespaceHoldsAMemberWhenTheMembersOwnLabelsCanMakeItSo() {
        LabelSolver.Condition c = new LabelSolver.And(List.of(
                new LabelSolver.Match(Selectors.parseOrThrow("team == 'catalog'"), LabelSolver.View.NAMESPACE),
                new LabelSolver.Match(
                        Selectors.parseOrThrow("app == 'web' && projectcalico.org/namespace != 'db'"),
                        LabelSolver.View.MEMBER)));
        assertThat(LabelSolver.satisfiable(c, "catalog", Map.of("team", "catalog")))
                .isTrue();
        assertThat(LabelSolver.satisfiable(c, "payments", Map.of("team", "payments")))
                .isFalse();
        assertThat(LabelSolver.satisfiable(c, "db", Map.of("team", "catalog"))).isFalse();
        assertThat(LabelSolver.everyNamespace(c)).isFalse();
    }

    /**
     * Whatever an exhaustive search over label values up to five characters finds, the solver finds too: its
     * representative values miss no combination of the tests a selector makes. (A satisfiable answer of the solver is
     * always backed by the values it tried, checked by the engine's matcher.)
     */
    @Test
    void missesNoLabelSetThatAnExhaustiveSearchFinds() {
        List<@Nullable String> aValues = new ArrayList<>();
        aValues.add(null);
        strings("", 5, aValues);
        List<@Nullable String> bValues = new ArrayList<>();
        bValues.add(null);
        bValues.addAll(List.of("p", "q", "r"));
        int satisfiable = 0;
        int unsatisfiable = 0;
        for (int seed = 0; seed < 300; seed++) {
            Selector s = Selectors.parseOrThrow(random(new Random(seed), 3).toString());
            for (Selector candidate : List.of(s, new Selector.Not(s))) {
                boolean found = false;
                for (String a : aValues) {
                    for (String b : bValues) {
                        Map<String, String> labels = new HashMap<>();
                        if (a != null) {
                            labels.put("a", a);
                        }
                        if (b != null) {
                            labels.put("b", b);
                        }
                        found |= candidate.matches(Labels.of(labels));
                    }
                }
                boolean solver = LabelSolver.satisfiable(new LabelSolver.Match(candidate, LabelSolver.View.MEMBER));
                if (found) {
                    assertThat(solver).as("seed %d: %s", seed, candidate).isTrue();
                    satisfiable++;
                } else if (!solver) {
                    unsatisfiable++;
                }
            }
        }
        assertThat(satisfiable).isGreaterThan(250);
        assertThat(unsatisfiable).isGreaterThan(15);
    }

    private static LabelSolver.Condition namespaces(String selector) {
        return new LabelSolver.Match(Selectors.parseOrThrow(selector), LabelSolver.View.NAMESPACE);
    }

    private static void strings(String prefix, int length, List<@Nullable String> out) {
        out.add(prefix);
        if (prefix.length() < length) {
            for (String c : List.of("x", "y", "z")) {
                strings(prefix + c, length, out);
            }
        }
    }

    /** A random selector over label a (string tests) and label b (equality and sets). */
    private static Selector random(Random r, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            String a = STRING_LITERALS.get(r.nextInt(STRING_LITERALS.size()));
            String b = SET_LITERALS.get(r.nextInt(SET_LITERALS.size()));
            return switch (r.nextInt(10)) {
                case 0 -> new Selector.Has(r.nextBoolean() ? "a" : "b");
                case 1 -> new Selector.Equals("a", a);
                case 2 -> new Selector.NotEquals("a", a);
                case 3 -> new Selector.Contains("a", a);
                case 4 -> new Selector.StartsWith("a", a);
                case 5 -> new Selector.EndsWith("a", a);
                case 6 -> new Selector.In("a", List.of(a, STRING_LITERALS.get(r.nextInt(STRING_LITERALS.size()))));
                case 7 -> new Selector.NotIn("b", List.of(b));
                case 8 -> new Selector.Equals("b", b);
                default -> new Selector.In("b", List.of(b));
            };
        }
        return switch (r.nextInt(3)) {
            case 0 -> new Selector.Not(random(r, depth - 1));
            case 1 -> new Selector.And(List.of(random(r, depth - 1), random(r, depth - 1), random(r, depth - 1)));
            default -> new Selector.Or(List.of(random(r, depth - 1), random(r, depth - 1)));
        };
    }
}
