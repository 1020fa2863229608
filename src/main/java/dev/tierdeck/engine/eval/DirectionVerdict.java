package dev.tierdeck.engine.eval;

import java.util.List;

/** The verdict of one direction (egress at the source or ingress at the destination) with its decisive hits. */
public record DirectionVerdict(Verdict action, List<PolicyHit> hits) {
    public DirectionVerdict {
        hits = List.copyOf(hits);
    }
}
