package dev.tierdeck.assertion;

import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.Trace;
import dev.tierdeck.tenancy.PolicyDisclosure;

/**
 * Says in words which tiers, policies and rules decide a flow, naming only what {@code reader} may read. Implemented
 * by the impact preview, whose explanations word traces this way; it lives here because the preview depends on this
 * module (to show what a draft would violate), not the other way round.
 */
@FunctionalInterface
public interface TraceWording {

    /** One sentence for the whole trace, e.g. "allowed — Egress from a/b: allowed by tier default, policy …". */
    String trace(Flow flow, Trace trace, PolicyDisclosure reader);
}
