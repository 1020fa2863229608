package dev.tierdeck.engine.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves each distinct scoped selector once per compiled cluster. */
final class MemberCache {

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
