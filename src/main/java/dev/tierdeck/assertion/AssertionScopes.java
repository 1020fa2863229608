package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.Assertion;
import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which namespaces a side of an assertion is confined to, read off its {@code namespaceSelector} alone, so that the
 * answer holds whatever namespaces and labels appear later: a side is confined when its namespace selector requires
 * the namespace's name ({@code projectcalico.org/name}, which Calico gives every namespace, or
 * {@code kubernetes.io/metadata.name}, which Kubernetes sets and nobody can change) to be one of some values, alone
 * or as one operand of {@code &&}. Anything else (no namespace selector, {@code ||}, other labels) may reach any
 * namespace, and so confines nothing.
 */
final class AssertionScopes {

    private static final Set<String> NAME_LABELS = Set.of("projectcalico.org/name", "kubernetes.io/metadata.name");

    private AssertionScopes() {}

    /** The namespaces the side can only be in, sorted; null when it may be in any. */
    static @Nullable Set<String> confinedTo(EndpointSet side) {
        if (side.namespaceSelector() == null) {
            return null;
        }
        return switch (Selectors.parse(side.namespaceSelector())) {
            case ParseResult.Ok ok -> confined(ok.selector());
            case ParseResult.Error e -> null;
        };
    }

    /**
     * Whether a team may state {@code assertion} for {@code namespace}: its source or its destination is confined to
     * namespaces that include {@code namespace}, each of which {@code mayState} allows.
     */
    static boolean within(Assertion assertion, String namespace, Predicate<String> mayState) {
        for (EndpointSet side : List.of(assertion.source(), assertion.destination())) {
            Set<String> confined = confinedTo(side);
            if (confined != null
                    && confined.contains(namespace)
                    && confined.stream().allMatch(mayState)) {
                return true;
            }
        }
        return false;
    }

    /** Every namespace a side is confined to, over both sides (for listing a namespace's assertions). */
    static Set<String> namespacesOf(Assertion assertion) {
        Set<String> out = new TreeSet<>();
        for (EndpointSet side : List.of(assertion.source(), assertion.destination())) {
            Set<String> confined = confinedTo(side);
            if (confined != null) {
                out.addAll(confined);
            }
        }
        return out;
    }

    private static @Nullable Set<String> confined(Selector s) {
        return switch (s) {
            case Selector.Equals e when NAME_LABELS.contains(e.label()) -> new TreeSet<>(Set.of(e.value()));
            case Selector.In in when NAME_LABELS.contains(in.label()) -> new TreeSet<>(in.values());
            case Selector.And and -> {
                Set<String> out = null;
                for (Selector operand : and.operands()) {
                    Set<String> c = confined(operand);
                    if (c != null) {
                        if (out == null) {
                            out = new HashSet<>(c);
                        } else {
                            out.retainAll(c);
                        }
                    }
                }
                yield out == null ? null : new TreeSet<>(out);
            }
            default -> null;
        };
    }
}
