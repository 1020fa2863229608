package dev.tierdeck.engine.selector;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Entry points of the selector language: parsing (cached), the match-all selector, and what validation needs. */
public final class Selectors {

    /** The longest selector Calico accepts (the CRDs' MaxLength, calico-semantics §3.1). */
    public static final int MAX_LENGTH = 1024;

    /** Bound on the parse cache; policies of a large cluster repeat a few thousand distinct selectors. */
    static final int CACHE_LIMIT = 65_536;

    /**
     * Bound on the characters the cache holds (about 4 MB of text, and the trees parsed from it): a flood of distinct
     * long selectors evicts entries instead of growing the heap.
     */
    static final long CACHE_CHARACTERS = 2_000_000;

    private static final Selector ALL = new Selector.All();
    private static final ConcurrentHashMap<String, ParseResult> CACHE = new ConcurrentHashMap<>();
    private static final AtomicLong CACHED_CHARACTERS = new AtomicLong();

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
        if (text.length() > MAX_LENGTH) {
            // never valid in a policy (the decoder refuses it); not worth a place in the cache
            return result;
        }
        if (CACHE.size() >= CACHE_LIMIT || CACHED_CHARACTERS.get() + text.length() > CACHE_CHARACTERS) {
            evictSome();
        }
        if (CACHE.putIfAbsent(text, result) == null) {
            CACHED_CHARACTERS.addAndGet(text.length());
        }
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

    /** Drops about a quarter of the entries and of the characters; cheap, thread-safe, keeps the cache bounded. */
    private static void evictSome() {
        Iterator<String> keys = CACHE.keySet().iterator();
        long characters = CACHE_CHARACTERS / 4;
        for (int i = CACHE_LIMIT / 4; i > 0 && characters > 0 && keys.hasNext(); i--) {
            String key = keys.next();
            if (CACHE.remove(key) != null) {
                CACHED_CHARACTERS.addAndGet(-key.length());
                characters -= key.length();
            }
        }
    }

    /** Entries in the parse cache (for tests of its bound). */
    static int cachedEntries() {
        return CACHE.size();
    }

    /** Characters of selector text in the parse cache. */
    static long cachedCharacters() {
        return CACHED_CHARACTERS.get();
    }
}
