package dev.tierdeck.preview;

import dev.tierdeck.assertion.TraceWording;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.Trace;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tier.TierGovernance;
import org.springframework.stereotype.Component;

/** The explanations' wording of a trace, lent to the assertions, so that a violation reads as an explanation does. */
@Component
class AssertionTraceWords implements TraceWording {

    private final TierGovernance governance;

    AssertionTraceWords(TierGovernance governance) {
        this.governance = governance;
    }

    @Override
    public String trace(Flow flow, Trace trace, PolicyDisclosure reader) {
        return new TraceWords(governance, reader).trace(flow, trace);
    }
}
