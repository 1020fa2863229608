package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.selector.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberCacheTest {

    @Test
    void aFloodOfDistinctSelectorsKeepsTheCacheWithinItsBoundAndStillResolvesEach() {
        MemberCache cache = new MemberCache(new Index(ClusterState.of(List.of())));

        for (int i = 0; i < MemberCache.LIMIT + 5_000; i++) {
            MemberSpec spec = new MemberSpec(
                    MemberSpec.Scope.NAMESPACE, "ns", null, new Selector.Equals("app", "v" + i), null, null, null);
            assertThat(cache.resolve(spec).pods().isEmpty()).isTrue();
        }

        assertThat(cache.size()).isEqualTo(MemberCache.LIMIT);
    }
}
