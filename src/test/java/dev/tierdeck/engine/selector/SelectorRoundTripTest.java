package dev.tierdeck.engine.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random trees: printing then parsing gives the same tree back, and so does any other spelling of the same
 * selector (extra whitespace, the other quote, {@code startswith}/{@code notin}, redundant parentheses, pairs of
 * {@code !}). A failure names the seed and the text.
 */
class SelectorRoundTripTest {

    private static final int TREES_PER_SEED = 3_000;

    private static final String[] LABELS = {
        "app",
        "a",
        "tier",
        "in",
        "not",
        "contains",
        "has",
        "all",
        "global",
        "starts",
        "ends",
        "with",
        "notin",
        "kubernetes.io/metadata.name",
        "projectcalico.org/namespace",
        "x_y-z.w",
        "0",
        "-",
        "inf",
        "l".repeat(512)
    };
    private static final String[] VALUES = {
        "", "web", "a b", "it's", "say \"hi\"", "&&", "||", "!", "(", ")", "{", "}", ",", "\t", "ünï", "==", "\\",
    };

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20_261_126})
    void printedTreeParsesBackToTheSameTree(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < TREES_PER_SEED; i++) {
            Selector tree = tree(random, 4);
            String text = tree.toString();
            assertThat(Selectors.parse(text))
                    .as("seed %d, tree %d: %s", seed, i, text)
                    .isEqualTo(new ParseResult.Ok(tree));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9, 1_000_003})
    void everySpellingOfATreeParsesToThatTree(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < TREES_PER_SEED; i++) {
            Selector tree = tree(random, 4);
            String text = new Spelling(random).write(tree);
            assertThat(Selectors.parse(text))
                    .as("seed %d, tree %d: %s", seed, i, text)
                    .isEqualTo(new ParseResult.Ok(tree));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void treeMatchesLikeItsDefinition(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < TREES_PER_SEED; i++) {
            Selector tree = tree(random, 3);
            java.util.Map<String, String> map = new java.util.HashMap<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                map.put(pick(random, LABELS), pick(random, VALUES));
            }
            Labels labels = Labels.of(map);
            assertThat(Selectors.parseOrThrow(tree.toString()).matches(labels))
                    .as("seed %d: %s on %s", seed, tree, map)
                    .isEqualTo(definition(tree, map));
        }
    }

    /** The semantics of §3.2 restated over a plain map, independently of the records. */
    private static boolean definition(Selector tree, java.util.Map<String, String> labels) {
        return switch (tree) {
            case Selector.All all -> true;
            case Selector.Global global -> true;
            case Selector.Has has -> labels.containsKey(has.label());
            case Selector.Equals eq ->
                labels.containsKey(eq.label()) && labels.get(eq.label()).equals(eq.value());
            case Selector.NotEquals ne ->
                !labels.containsKey(ne.label()) || !labels.get(ne.label()).equals(ne.value());
            case Selector.In in -> labels.containsKey(in.label()) && in.values().contains(labels.get(in.label()));
            case Selector.NotIn in ->
                !labels.containsKey(in.label()) || !in.values().contains(labels.get(in.label()));
            case Selector.Contains c ->
                labels.containsKey(c.label()) && labels.get(c.label()).contains(c.value());
            case Selector.StartsWith s ->
                labels.containsKey(s.label()) && labels.get(s.label()).startsWith(s.value());
            case Selector.EndsWith e ->
                labels.containsKey(e.label()) && labels.get(e.label()).endsWith(e.value());
            case Selector.Not not -> !definition(not.operand(), labels);
            case Selector.And and -> and.operands().stream().allMatch(o -> definition(o, labels));
            case Selector.Or or -> or.operands().stream().anyMatch(o -> definition(o, labels));
        };
    }

    /** A random tree as the parser would build it (no directly nested {@code !}: pairs cancel when parsed). */
    static Selector tree(Random random, int depth) {
        int choice = random.nextInt(depth > 0 ? 13 : 10);
        String label = pick(random, LABELS);
        return switch (choice) {
            case 0 -> random.nextInt(4) == 0 ? new Selector.All() : new Selector.Global();
            case 1 -> new Selector.Has(label);
            case 2 -> new Selector.Equals(label, pick(random, VALUES));
            case 3 -> new Selector.NotEquals(label, pick(random, VALUES));
            case 4 -> new Selector.In(label, values(random));
            case 5 -> new Selector.NotIn(label, values(random));
            case 6 -> new Selector.Contains(label, pick(random, VALUES));
            case 7 -> new Selector.StartsWith(label, pick(random, VALUES));
            case 8 -> new Selector.EndsWith(label, pick(random, VALUES));
            case 9, 10 -> {
                Selector operand = tree(random, depth - 1);
                yield operand instanceof Selector.Not not ? not.operand() : new Selector.Not(operand);
            }
            case 11 -> new Selector.And(operands(random, depth));
            default -> new Selector.Or(operands(random, depth));
        };
    }

    private static List<Selector> operands(Random random, int depth) {
        List<Selector> operands = new ArrayList<>();
        for (int n = 2 + random.nextInt(3); n > 0; n--) {
            operands.add(tree(random, depth - 1));
        }
        return operands;
    }

    private static List<String> values(Random random) {
        List<String> values = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            values.add(pick(random, VALUES));
        }
        return values;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Writes a tree in a random but equivalent spelling. */
    private record Spelling(Random random) {

        String write(Selector tree) {
            return ws() + expression(tree, SelectorText.OR) + ws();
        }

        private String expression(Selector tree, int minimum) {
            boolean parens = SelectorText.strength(tree) < minimum || random.nextInt(8) == 0;
            String body = switch (tree) {
                case Selector.All all -> "all(" + ws() + ")";
                case Selector.Global global -> "global(" + ws() + ")";
                case Selector.Has has -> "has(" + ws() + has.label() + ws() + ")";
                case Selector.Equals eq -> eq.label() + ws() + "==" + ws() + quote(eq.value());
                case Selector.NotEquals ne -> ne.label() + ws() + "!=" + ws() + quote(ne.value());
                case Selector.In in -> in.label() + ws1() + "in" + ws() + set(in.values());
                case Selector.NotIn in ->
                    in.label() + ws1() + either("not" + ws1() + "in", "notin") + ws() + set(in.values());
                case Selector.Contains c -> c.label() + ws1() + "contains" + ws() + quote(c.value());
                case Selector.StartsWith s ->
                    s.label() + ws1() + either("starts" + ws1() + "with", "startswith") + ws() + quote(s.value());
                case Selector.EndsWith e ->
                    e.label() + ws1() + either("ends" + ws1() + "with", "endswith") + ws() + quote(e.value());
                case Selector.Not not ->
                    "!" + ws() + (random.nextInt(4) == 0 ? "!" + ws() + "!" + ws() : "")
                            + expression(not.operand(), SelectorText.ATOM);
                case Selector.And and -> join(and.operands(), "&&", SelectorText.NOT);
                case Selector.Or or -> join(or.operands(), "||", SelectorText.AND);
            };
            if (!(tree instanceof Selector.Not) && random.nextInt(10) == 0) {
                body = "!" + ws() + "!" + ws() + "(" + ws() + body + ws() + ")";
            }
            return parens ? "(" + ws() + body + ws() + ")" : body;
        }

        private String join(List<Selector> operands, String operator, int minimum) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < operands.size(); i++) {
                if (i > 0) {
                    text.append(ws()).append(operator).append(ws());
                }
                text.append(expression(operands.get(i), minimum));
            }
            return text.toString();
        }

        private String set(List<String> values) {
            List<String> shuffled = new ArrayList<>(values);
            if (!shuffled.isEmpty() && random.nextBoolean()) {
                shuffled.add(shuffled.get(random.nextInt(shuffled.size())));
            }
            java.util.Collections.shuffle(shuffled, random);
            StringBuilder text = new StringBuilder("{").append(ws());
            for (int i = 0; i < shuffled.size(); i++) {
                if (i > 0) {
                    text.append(ws()).append(',').append(ws());
                }
                text.append(quote(shuffled.get(i)));
            }
            if (!shuffled.isEmpty() && random.nextBoolean()) {
                text.append(ws()).append(',');
            }
            return text.append(ws()).append('}').toString();
        }

        private String quote(String value) {
            if (value.contains("\"")) {
                return "'" + value + "'";
            }
            if (value.contains("'")) {
                return "\"" + value + "\"";
            }
            return random.nextBoolean() ? "'" + value + "'" : "\"" + value + "\"";
        }

        private String either(String a, String b) {
            return random.nextBoolean() ? a : b;
        }

        private String ws() {
            return switch (random.nextInt(6)) {
                case 0 -> " ";
                case 1 -> "\t";
                case 2 -> "  \t ";
                default -> "";
            };
        }

        /** Whitespace that must not be empty: between a label and a keyword operator. */
        private String ws1() {
            return random.nextBoolean() ? " " : "\t ";
        }
    }
}
