package dev.tierdeck.tier;

import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Answers questions about rule peers over every label set there could be, not only the ones the cluster has now:
 * "can some member match in this namespace", "does it match in every namespace, including ones not created yet".
 *
 * <p>Exact, not a list of known spellings: for each label a selector mentions, the values that matter are finitely
 * many. A label is absent, equal to one of the literals compared with it, or some other value; for {@code contains},
 * {@code starts with} and {@code ends with} a value built as {@code S σ c1 σ ... σ T} (a start literal, the contained
 * literals, an end literal, glued by a character σ no literal holds) realises every combination of those tests that
 * any value realises, since σ keeps the pieces from forming a literal across their joins. Searching these values,
 * with three-valued evaluation to cut branches already decided, decides the question; the leaves use the engine's own
 * matcher. A selector too large to search ({@link TooHard}) is left to the caller's cautious answer.
 */
final class LabelSolver {

    /** The namespace's name, as {@code projectcalico.org/name}, {@code kubernetes.io/metadata.name} and more. */
    static final String NAME = "ns-name";

    private static final String NS = "ns:";
    private static final String OWN = "own:";
    private static final String NAMESPACE_LABEL = "projectcalico.org/namespace";
    private static final String NAME_LABEL = "projectcalico.org/name";
    private static final String METADATA_NAME = "kubernetes.io/metadata.name";
    private static final String SERVICE_ACCOUNT_LABEL = "projectcalico.org/serviceaccount";
    private static final int MAX_VALUES = 512;
    private static final int MAX_STEPS = 200_000;
    private static final String GLUE_CANDIDATES = "~#%&*^|!?=+@$§¤";

    /** The search would take too long: the caller answers cautiously. */
    static final class TooHard extends RuntimeException {
        TooHard() {
            super("selector too large to decide", null, false, false);
        }
    }

    /** How a selector's label keys map onto the solver's variables. */
    enum View {
        /** A {@code namespaceSelector}: the namespace's own labels. */
        NAMESPACE,
        /** A rule's {@code selector}/{@code notSelector}: the member's labels, with {@code pcns.*} from its namespace. */
        MEMBER,
        /** {@code serviceAccounts.selector}: the labels of the member's service account. */
        SERVICE_ACCOUNT
    }

    /** A condition on a member: selectors read through views, combined. */
    sealed interface Condition {}

    record Match(Selector selector, View view) implements Condition {}

    record Not(Condition condition) implements Condition {}

    record And(List<Condition> conditions) implements Condition {}

    /** The member's service account is one of these names. */
    record ServiceAccountIn(Set<String> names) implements Condition {}

    static final Condition TRUE = new And(List.of());

    static String variable(View view, String key) {
        return switch (view) {
            case NAMESPACE -> key.equals(NAME_LABEL) || key.equals(METADATA_NAME) ? NAME : NS + key;
            case SERVICE_ACCOUNT -> key.equals(NAME_LABEL) ? OWN + SERVICE_ACCOUNT_LABEL : OWN + "pcsa." + key;
            case MEMBER -> {
                if (key.equals(NAMESPACE_LABEL)) {
                    yield NAME;
                }
                if (key.startsWith("pcns.")) {
                    yield variable(View.NAMESPACE, key.substring(5));
                }
                if (key.startsWith("pcsa.")) {
                    yield variable(View.SERVICE_ACCOUNT, key.substring(5));
                }
                yield OWN + key;
            }
        };
    }

    /**
     * Whether some member can satisfy the condition in this namespace (its labels fixed as they are now), or, for
     * {@code namespace == null}, as a non-namespaced member.
     */
    static boolean satisfiable(Condition c, @Nullable String namespace, Map<String, String> namespaceLabels) {
        return new Problem(c).satisfiable(namespace, namespaceLabels);
    }

    /** Whether some member can satisfy the condition, anywhere. */
    static boolean satisfiable(Condition c) {
        return new Problem(c).satisfiable();
    }

    /** Whether every namespace there could be, with any labels, holds a member that satisfies the condition. */
    static boolean everyNamespace(Condition c) {
        return new Problem(c).everyNamespace();
    }

    /** A namespace's labels as a namespace selector reads them: its name under both of the labels that carry it. */
    static Labels namespaceView(String name, Map<String, String> labels) {
        return key -> key.equals(NAME_LABEL) || key.equals(METADATA_NAME) ? name : labels.get(key);
    }

    /** One condition, asked about many namespaces: its variables and their candidate values are worked out once. */
    static final class Problem {
        private final Search search;

        Problem(Condition c) {
            this.search = new Search(c);
        }

        /** Whether the condition reads anything of the member's namespace. */
        boolean readsNamespace() {
            return search.variables.keySet().stream().anyMatch(v -> v.equals(NAME) || v.startsWith(NS));
        }

        boolean satisfiable(@Nullable String namespace, Map<String, String> namespaceLabels) {
            search.clear();
            for (String v : search.variables.keySet()) {
                if (v.equals(NAME)) {
                    search.fix(v, namespace);
                } else if (v.startsWith(NS)) {
                    search.fix(v, namespace == null ? null : namespaceLabels.get(v.substring(NS.length())));
                }
            }
            return search.exists(search.free(), 0);
        }

        boolean satisfiable() {
            search.clear();
            return search.exists(search.free(), 0);
        }

        boolean everyNamespace() {
            search.clear();
            List<String> namespaceVars = new ArrayList<>();
            List<String> memberVars = new ArrayList<>();
            for (String v : search.variables.keySet()) {
                (v.equals(NAME) || v.startsWith(NS) ? namespaceVars : memberVars).add(v);
            }
            return search.forAllExists(namespaceVars, 0, memberVars);
        }
    }

    /** One search: the condition, each variable's candidate values, the assignment so far. */
    private static final class Search {
        private final Condition condition;
        private final Map<String, List<@Nullable String>> variables = new LinkedHashMap<>();
        private final Map<String, @Nullable String> values = new HashMap<>();
        private final Set<String> assigned = new java.util.HashSet<>();
        private int steps;

        Search(Condition condition) {
            this.condition = condition;
            Map<String, Atoms> atoms = new LinkedHashMap<>();
            collect(condition, atoms);
            atoms.forEach((v, a) -> variables.put(v, a.candidates(!v.equals(NAME))));
        }

        void clear() {
            values.clear();
            assigned.clear();
            steps = 0;
        }

        void fix(String variable, @Nullable String value) {
            values.put(variable, value);
            assigned.add(variable);
        }

        List<String> free() {
            return variables.keySet().stream()
                    .filter(v -> !assigned.contains(v))
                    .toList();
        }

        boolean exists(List<String> vars, int at) {
            Boolean now = evaluate(condition);
            if (now != null) {
                return now;
            }
            String v = vars.get(at);
            try {
                for (String value : variables.get(v)) {
                    fix(v, value);
                    if (exists(vars, at + 1)) {
                        return true;
                    }
                }
                return false;
            } finally {
                assigned.remove(v);
                values.remove(v);
            }
        }

        boolean forAllExists(List<String> namespaceVars, int at, List<String> memberVars) {
            Boolean now = evaluate(condition);
            if (now != null) {
                return now;
            }
            if (at == namespaceVars.size()) {
                return exists(memberVars, 0);
            }
            String v = namespaceVars.get(at);
            try {
                for (String value : variables.get(v)) {
                    fix(v, value);
                    if (!forAllExists(namespaceVars, at + 1, memberVars)) {
                        return false;
                    }
                }
                return true;
            } finally {
                assigned.remove(v);
                values.remove(v);
            }
        }

        /** Kleene logic: {@code null} while the unassigned variables could still go either way. */
        private @Nullable Boolean evaluate(Condition c) {
            if (++steps > MAX_STEPS) {
                throw new TooHard();
            }
            return switch (c) {
                case Match m -> evaluate(m.selector(), m.view());
                case Not n -> {
                    Boolean b = evaluate(n.condition());
                    yield b == null ? null : !b;
                }
                case And a -> {
                    boolean unknown = false;
                    for (Condition part : a.conditions()) {
                        Boolean b = evaluate(part);
                        if (Boolean.FALSE.equals(b)) {
                            yield false;
                        }
                        unknown |= b == null;
                    }
                    yield unknown ? null : true;
                }
                case ServiceAccountIn s -> {
                    String v = OWN + SERVICE_ACCOUNT_LABEL;
                    yield assigned.contains(v)
                            ? values.get(v) != null && s.names().contains(values.get(v))
                            : null;
                }
            };
        }

        private @Nullable Boolean evaluate(Selector s, View view) {
            return switch (s) {
                case Selector.All all -> true;
                case Selector.Global global -> true;
                case Selector.Not not -> {
                    Boolean b = evaluate(not.operand(), view);
                    yield b == null ? null : !b;
                }
                case Selector.And and -> {
                    boolean unknown = false;
                    for (Selector part : and.operands()) {
                        Boolean b = evaluate(part, view);
                        if (Boolean.FALSE.equals(b)) {
                            yield false;
                        }
                        unknown |= b == null;
                    }
                    yield unknown ? null : true;
                }
                case Selector.Or or -> {
                    boolean unknown = false;
                    for (Selector part : or.operands()) {
                        Boolean b = evaluate(part, view);
                        if (Boolean.TRUE.equals(b)) {
                            yield true;
                        }
                        unknown |= b == null;
                    }
                    yield unknown ? null : false;
                }
                default -> {
                    // An atom reads one label: decided by the engine's matcher once its variable has a value.
                    String variable = variable(view, label(s));
                    if (!assigned.contains(variable)) {
                        yield null;
                    }
                    String value = values.get(variable);
                    Labels one = key -> key.equals(label(s)) ? value : null;
                    yield s.matches(one);
                }
            };
        }
    }

    private static String label(Selector atom) {
        return switch (atom) {
            case Selector.Has h -> h.label();
            case Selector.Equals e -> e.label();
            case Selector.NotEquals e -> e.label();
            case Selector.In i -> i.label();
            case Selector.NotIn i -> i.label();
            case Selector.Contains c -> c.label();
            case Selector.StartsWith s -> s.label();
            case Selector.EndsWith e -> e.label();
            default -> throw new IllegalArgumentException("not an atom: " + atom);
        };
    }

    private static void collect(Condition c, Map<String, Atoms> out) {
        switch (c) {
            case Match m -> collect(m.selector(), m.view(), out);
            case Not n -> collect(n.condition(), out);
            case And a -> a.conditions().forEach(part -> collect(part, out));
            case ServiceAccountIn s ->
                out.computeIfAbsent(OWN + SERVICE_ACCOUNT_LABEL, k -> new Atoms())
                        .equal
                        .addAll(s.names());
        }
    }

    private static void collect(Selector s, View view, Map<String, Atoms> out) {
        switch (s) {
            case Selector.All all -> {}
            case Selector.Global global -> {}
            case Selector.Not not -> collect(not.operand(), view, out);
            case Selector.And and -> and.operands().forEach(part -> collect(part, view, out));
            case Selector.Or or -> or.operands().forEach(part -> collect(part, view, out));
            default -> {
                Atoms a = out.computeIfAbsent(variable(view, label(s)), k -> new Atoms());
                switch (s) {
                    case Selector.Equals e -> a.equal.add(e.value());
                    case Selector.NotEquals e -> a.equal.add(e.value());
                    case Selector.In i -> a.equal.addAll(i.values());
                    case Selector.NotIn i -> a.equal.addAll(i.values());
                    case Selector.Contains x -> a.contains.add(x.value());
                    case Selector.StartsWith x -> a.starts.add(x.value());
                    case Selector.EndsWith x -> a.ends.add(x.value());
                    default -> {}
                }
            }
        }
    }

    /** The literals one variable is compared with, and the values that stand for every way to compare. */
    private static final class Atoms {
        final Set<String> equal = new LinkedHashSet<>();
        final Set<String> contains = new LinkedHashSet<>();
        final Set<String> starts = new LinkedHashSet<>();
        final Set<String> ends = new LinkedHashSet<>();

        List<@Nullable String> candidates(boolean mayBeAbsent) {
            long witnesses = (long) (starts.size() + 1) * (ends.size() + 1) * (1L << Math.min(contains.size(), 30));
            if (equal.size() + witnesses > MAX_VALUES) {
                throw new TooHard();
            }
            String glue = glue();
            LinkedHashSet<@Nullable String> out = new LinkedHashSet<>();
            if (mayBeAbsent) {
                out.add(null);
            }
            out.addAll(equal);
            List<String> containsList = List.copyOf(contains);
            List<String> startsOrNone = new ArrayList<>(List.of(""));
            startsOrNone.addAll(starts);
            List<String> endsOrNone = new ArrayList<>(List.of(""));
            endsOrNone.addAll(ends);
            for (String start : startsOrNone) {
                for (String end : endsOrNone) {
                    for (int subset = 0; subset < 1 << containsList.size(); subset++) {
                        StringBuilder v = new StringBuilder(start).append(glue);
                        for (int i = 0; i < containsList.size(); i++) {
                            if ((subset & (1 << i)) != 0) {
                                v.append(containsList.get(i)).append(glue);
                            }
                        }
                        out.add(v.append(end).toString());
                    }
                }
            }
            return new ArrayList<>(out);
        }

        /** A character in none of the literals. */
        private String glue() {
            List<String> all = new ArrayList<>(equal);
            all.addAll(contains);
            all.addAll(starts);
            all.addAll(ends);
            for (int i = 0; i < GLUE_CANDIDATES.length(); i++) {
                String g = String.valueOf(GLUE_CANDIDATES.charAt(i));
                if (all.stream().noneMatch(l -> l.contains(g))) {
                    return g;
                }
            }
            for (char c = '\u0100'; ; c++) {
                String g = String.valueOf(c);
                if (all.stream().noneMatch(l -> l.contains(g))) {
                    return g;
                }
            }
        }
    }
}
