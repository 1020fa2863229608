package dev.tierdeck.engine.reference;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reference evaluator's answer for one flow, in the shape of FORMAT.md §3: the enforced and the pending
 * outcome, each with an egress and an ingress direction ({@code null} for a side that is not a pod).
 */
public record ReferenceResult(String id, Outcome enforced, Outcome pending) {

    /** Both directions of one evaluation mode. */
    public record Outcome(
            @Nullable Direction egress, @Nullable Direction ingress) {

        /** Allowed only when every present direction allows (§2.1 step 6). */
        public String action() {
            boolean allowed = (egress == null || egress.action().equals("Allow"))
                    && (ingress == null || ingress.action().equals("Allow"));
            return allowed ? "Allow" : "Deny";
        }
    }

    /** One direction: {@code Allow} or {@code Deny} and the decisive hits. */
    public record Direction(String action, List<Hit> hits) {
        public Direction {
            hits = List.copyOf(hits);
        }
    }

    /** One decisive hit, as a Calico flow log shows it (FORMAT.md §3). */
    public record Hit(
            String tier, String kind, @Nullable String namespace, String name, int ruleIndex, String action) {}
}
