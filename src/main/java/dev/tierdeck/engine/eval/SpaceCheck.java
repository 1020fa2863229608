package dev.tierdeck.engine.eval;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link FlowSpace#check}: a counterexample (a flow of the space that gets the other verdict, with its
 * full verdict and traces), or none; or the reason the space holds no connection at all.
 *
 * @param flowsEvaluated how many representative flows the engine evaluated
 * @param nothingCovered why the space holds no connection, or {@code null} when it holds some
 * @param example the counterexample's flow, or {@code null}
 * @param verdict the counterexample's verdict as {@code evaluate} gives it, or {@code null}
 */
public record SpaceCheck(
        int flowsEvaluated,
        @Nullable String nothingCovered,
        @Nullable Flow example,
        @Nullable FlowVerdict verdict) {

    /** Whether every connection of a non-empty space got the expected verdict. */
    public boolean holds() {
        return nothingCovered == null && example == null;
    }
}
