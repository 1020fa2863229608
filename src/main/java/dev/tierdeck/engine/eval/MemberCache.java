package dev.tierdeck.engine.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves each distinct scoped selector once per compiled cluster. Clusters derived for previews share their base's
 * cache, so it would otherwise grow with every distinct preview for as long as the base lives: past
 * {@value #LIMIT} entries members are resolved without being kept (each rule still resolves its own only once).
 */
final class MemberCache {

    static final int LIMIT = 65_536;

    private final Index index;
    private final ConcurrentHashMap<MemberSpec, MemberSpec.Members> cache = new ConcurrentHashMap<>();

    MemberCache(Index index) {
        this.index = index;
    }

    /** A cache over {@code index} holding members already resolved (carried over from an earlier index). */
    MemberCache(Index index, Map<MemberSpec, MemberSpec.Members> resolved) {
        this.index = index;
        this.cache.putAll(resolved);
    }

    MemberSpec.Members resolve(MemberSpec spec) {
        MemberSpec.Members m = cache.get(spec);
        if (m == null) {
            m = spec.resolve(index);
            if (cache.size() >= LIMIT) {
                return m;
            }
            MemberSpec.Members prior = cache.putIfAbsent(spec, m);
            if (prior != null) {
                m = prior;
            }
        }
        return m;
    }

    int size() {
        return cache.size();
    }
}
