package dev.tierdeck.cluster;

import java.util.List;

/** Per-object outcomes of applying a {@link DesiredSet}. */
public record DesiredSetResult(String promotionId, List<WriteOutcome> outcomes) {

    public DesiredSetResult {
        outcomes = List.copyOf(outcomes);
    }

    public long changes() {
        return outcomes.stream().filter(WriteOutcome::changed).count();
    }

    public boolean settled() {
        return outcomes.stream().noneMatch(o -> o.change() == WriteOutcome.Change.PENDING);
    }
}
