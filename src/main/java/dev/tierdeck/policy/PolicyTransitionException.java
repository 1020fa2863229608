package dev.tierdeck.policy;

/**
 * The policy's life cycle does not allow the action in its current state (promoting a draft that was never staged,
 * withdrawing what is not in force); nothing was changed. A conflict like a stale revision: the caller reloads.
 */
public class PolicyTransitionException extends PolicyConflictException {

    private final PolicyAction action;
    private final PolicyState state;

    public PolicyTransitionException(PolicyAction action, PolicyState state, String message) {
        super(message);
        this.action = action;
        this.state = state;
    }

    public PolicyAction action() {
        return action;
    }

    public PolicyState state() {
        return state;
    }
}
