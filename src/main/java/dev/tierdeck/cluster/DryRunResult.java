package dev.tierdeck.cluster;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The API server's answer to a {@code dryRun=All} of each object, made as the acting user. Nothing was stored. */
public record DryRunResult(List<Item> items) {

    public DryRunResult {
        items = List.copyOf(items);
    }

    public boolean accepted() {
        return items.stream().allMatch(i -> i.problem() == null);
    }

    /**
     * @param ref the object
     * @param operation {@code create} or {@code replace}
     * @param problem why the API server refused it, or null when it accepted
     */
    public record Item(
            ObjectRef ref, String operation, @Nullable ClusterException problem) {}
}
