package dev.tierdeck.engine.selector;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/** Entry points of the selector language: parsing (cached), the match-all selector, and what validation needs. */
public final class Selectors {

    /** Bound on the parse cache; policies of a large cluster repeat a few thousand distinct selectors. */
    static final int CACHE_LIMIT = 65_536;

    private static final Selector ALL = new Selector.All();
    private static final ConcurrentHashMap<String, ParseResult> CACHE = new ConcurrentHashMap<>();

    private Selectors() {}

    /**
     * Parses selector text (calico-semantics.md §3.1); blank text is {@code all()}. Results, errors included, are
     * cached, so parsing the same text again is a map lookup. Never throws.
     */
    public static ParseResult parse(String text) {
        ParseResult cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        ParseResult result = parseUncached(text);
        if (CACHE.size() >= CACHE_LIMIT) {
            evictSome();
        }
        CACHE.putIfAbsent(text, result);
        return result;
    }

    /** Parses selector text, throwing {@link SelectorSyntaxException} (an {@link IllegalArgumentException}). */
    public static Selector parseOrThrow(String text) {
        return switch (parse(text)) {
            case ParseResult.Ok ok -> ok.selector();
            case ParseResult.Error error -> throw new SelectorSyntaxException(text, error.message(), error.position());
        };
    }

    /** The selector that matches everything. */
    public static Selector all() {
        return ALL;
    }

    /**
     * Whether {@code global()} occurs anywhere in the selector. Validation uses it: {@code global()} is allowed only
     * as the entire {@code namespaceSelector} of a rule (§3.4).
     */
    public static boolean mentionsGlobal(Selector selector) {
        return switch (selector) {
            case Selector.Global global -> true;
            case Selector.Not not -> mentionsGlobal(not.operand());
            case Selector.And and -> and.operands().stream().anyMatch(Selectors::mentionsGlobal);
            case Selector.Or or -> or.operands().stream().anyMatch(Selectors::mentionsGlobal);
            default -> false;
        };
    }

    static ParseResult parseUncached(String text) {
        try {
            return new ParseResult.Ok(Parser.parse(text));
        } catch (SyntaxError e) {
            return new ParseResult.Error(e.getMessage(), e.position());
        }
    }

    /** Drops about a quarter of the entries; cheap, thread-safe, and keeps the cache bounded. */
    private static void evictSome() {
        Iterator<String> keys = CACHE.keySet().iterator();
        for (int i = CACHE_LIMIT / 4; i > 0 && keys.hasNext(); i--) {
            keys.next();
            keys.remove();
        }
    }
}
