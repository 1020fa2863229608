package dev.tierdeck.policy;

/** The policy asked for is {@linkplain DamagedPolicy damaged}: it can only be deleted. */
public class DamagedPolicyException extends PolicyConflictException {

    private final DamagedPolicy damaged;

    public DamagedPolicyException(DamagedPolicy damaged) {
        super("The stored copy of the policy " + damaged.ref() + " cannot be read (" + damaged.problem()
                + "); delete it and write it again.");
        this.damaged = damaged;
    }

    public DamagedPolicy damaged() {
        return damaged;
    }
}
