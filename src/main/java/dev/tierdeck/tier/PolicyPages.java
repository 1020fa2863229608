package dev.tierdeck.tier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Paging of the policies listed per tier on the tier and stack screens: a large estate has thousands of policies in
 * one tier, each selecting pods in hundreds of namespaces, which no page can list whole.
 */
final class PolicyPages {

    /** Policies shown per tier and page. */
    static final int SIZE = 50;

    /** Namespaces named per policy; the rest are counted. */
    static final int NAMESPACES = 10;

    static final Request FIRST = new Request(null, 0);

    private PolicyPages() {}

    /**
     * Which page to show of which tier; every other tier shows its first page.
     *
     * @param tier {@code null} for the first page of every tier
     * @param page zero-based; a page past the end shows the last one
     */
    record Request(@Nullable String tier, int page) {

        Request {
            page = Math.max(0, page);
        }

        <T> Page<T> pageOf(String name, List<T> all) {
            int pages = Math.max(1, (all.size() + SIZE - 1) / SIZE);
            int number = name.equals(tier) ? Math.min(page, pages - 1) : 0;
            int from = number * SIZE;
            return new Page<>(
                    List.copyOf(all.subList(Math.min(from, all.size()), Math.min(from + SIZE, all.size()))),
                    number,
                    pages,
                    all.size());
        }
    }

    /**
     * One page of a tier's policies.
     *
     * @param number zero-based
     * @param total policies in the tier
     */
    record Page<T>(List<T> items, int number, int pages, int total) {

        /** The position of the first item shown, counted from 1 (0 when there is none). */
        public int first() {
            return items.isEmpty() ? 0 : number * SIZE + 1;
        }

        public int last() {
            return number * SIZE + items.size();
        }

        public boolean hasPrevious() {
            return number > 0;
        }

        public boolean hasNext() {
            return number + 1 < pages;
        }
    }

    /** The {@link #NAMESPACES} namespaces with most pods (ties by name), sorted by name. */
    static Map<String, Integer> largest(Map<String, Integer> podsByNamespace) {
        if (podsByNamespace.size() <= NAMESPACES) {
            return podsByNamespace;
        }
        List<Map.Entry<String, Integer>> all = new ArrayList<>(podsByNamespace.entrySet());
        all.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new TreeMap<>();
        for (Map.Entry<String, Integer> e : all.subList(0, NAMESPACES)) {
            out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The entries of the last computation, by policy object, for the next one: a cluster change replaces a few
     * policy objects and a few selections, so most entries (canonical selectors, counts) carry over as they are.
     * Used by one computation at a time (under {@link Memo}); holds the entries of the last cluster state only.
     */
    static final class Reuse<E> {

        private record Kept<E>(Map<String, Integer> counts, E entry) {}

        private IdentityHashMap<Object, Kept<E>> last = new IdentityHashMap<>();
        private IdentityHashMap<Object, Kept<E>> next = new IdentityHashMap<>();

        /** The last entry of {@code policy} when its counts are the same map as then, else a new one. */
        E get(Object policy, Map<String, Integer> counts, Supplier<E> build) {
            Kept<E> kept = last.get(policy);
            E entry = kept != null && kept.counts() == counts ? kept.entry() : build.get();
            next.put(policy, new Kept<>(counts, entry));
            return entry;
        }

        /** Ends a computation: what it used is what the next one may take over. */
        void done() {
            last = next;
            next = new IdentityHashMap<>();
        }
    }

    /**
     * What was worked out from one cluster state, kept until the state changes. The cluster cache publishes a new
     * state object per change, so the identity of the state is the key; one request computes while the others
     * asking about the same state wait for its answer.
     */
    static final class Memo<T> {

        private @Nullable Object key;
        private @Nullable T value;

        synchronized T get(Object state, Supplier<T> compute) {
            T v = value;
            if (key != state || v == null) {
                v = compute.get();
                key = state;
                value = v;
            }
            return v;
        }
    }
}
