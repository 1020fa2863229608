package dev.tierdeck.engine.eval;

/** The full answer for one flow: what is enforced today and what would be with every staged policy in force. */
public record FlowVerdict(String id, Trace enforced, Trace pending) {

    public Verdict action() {
        return enforced.action();
    }

    public Verdict pendingAction() {
        return pending.action();
    }
}
