package dev.tierdeck.preview;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a preview, kept as evidence with promotions and approvals (so it must survive a JSON round trip).
 *
 * @param from window start
 * @param to window end
 * @param flows distinct flows replayed (as the engine's {@code impact} command counts them)
 * @param unmapped flows that could not be placed on the current cluster (their endpoints are gone, for instance)
 * @param newlyDenied observed flows (sum of counts) the change would deny that are allowed today
 * @param newlyAllowed observed flows the change would allow that are denied today
 * @param changes one entry per changed flow, most frequent first
 * @param thinHistory true when the window holds too little traffic for the preview to say much; the page says so
 * @param newlyDeniedFlows distinct flows the change would deny, as {@code impact} counts {@code newlyDenied}
 * @param newlyAllowedFlows distinct flows the change would allow, as {@code impact} counts {@code newlyAllowed}
 * @param unmappedReasons why flows could not be placed, one sentence per reason with how many flows it concerns
 */
public record ImpactPreview(
        Instant from,
        Instant to,
        int flows,
        int unmapped,
        long newlyDenied,
        long newlyAllowed,
        List<FlowChange> changes,
        boolean thinHistory,
        int newlyDeniedFlows,
        int newlyAllowedFlows,
        List<String> unmappedReasons) {

    public ImpactPreview {
        changes = List.copyOf(changes);
        unmappedReasons = unmappedReasons == null ? List.of() : List.copyOf(unmappedReasons);
    }

    /**
     * A preview known only by its totals and changes (no reasons for unmapped flows); each change entry counts as one
     * distinct flow.
     */
    public ImpactPreview(
            Instant from,
            Instant to,
            int flows,
            int unmapped,
            long newlyDenied,
            long newlyAllowed,
            List<FlowChange> changes,
            boolean thinHistory) {
        this(
                from,
                to,
                flows,
                unmapped,
                newlyDenied,
                newlyAllowed,
                changes,
                thinHistory,
                (int) changes.stream().filter(c -> "Deny".equals(c.after())).count(),
                (int) changes.stream().filter(c -> "Allow".equals(c.after())).count(),
                List.of());
    }

    /**
     * @param source workload or address, e.g. {@code payments/api-7d9f*} or {@code 10.0.0.5}
     * @param destination likewise
     * @param before {@code Allow} or {@code Deny}
     * @param after {@code Allow} or {@code Deny}
     * @param count connections observed for these flows in the window (at least 1 per flow)
     * @param explanation the deciding tier, policy and rule before and after, in words
     */
    public record FlowChange(
            String source,
            String destination,
            String protocol,
            int port,
            String before,
            String after,
            long count,
            String explanation) {

        /**
         * The explanation as short steps for the pages: before and after, each direction's decisive steps one per
         * line (tier, policy, rule, what it did). Derived from {@link #explanation}, so stored evidence reads the same.
         */
        public List<String> steps() {
            List<String> out = new java.util.ArrayList<>();
            for (String step : explanation.split("\\. (?=After: )|; then |; ")) {
                String s = step.strip();
                if (!s.isEmpty()) {
                    out.add(s.endsWith(".") ? s.substring(0, s.length() - 1) : s);
                }
            }
            return out;
        }
    }
}
