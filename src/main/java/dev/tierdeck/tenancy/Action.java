package dev.tierdeck.tenancy;

/** What a user asks to do to a {@link Resource}; {@link Permissions} says who may. */
public enum Action {
    /** See it: a namespace's page and flows, a policy's name, rules and YAML, a tier's page in the console. */
    READ("read"),
    /** Save a policy's draft (creating or changing it), or a tier's or team's settings. */
    EDIT("change"),
    /** Replay the flow history through a change to see what it would newly allow or deny. */
    PREVIEW("preview"),
    /** Write a draft to the cluster as a staged policy. */
    STAGE("stage"),
    /** Put a staged policy in force. */
    PROMOTE("promote"),
    /** Decide a change that a guardrail sent for approval. */
    APPROVE("approve changes to"),
    /** Take a policy out of force (delete it) or roll it back. */
    WITHDRAW("withdraw"),
    /** Ask which tier, policy and rule decide a flow. */
    EXPLAIN("explain"),
    /** Download the audit trail. */
    EXPORT("export"),
    /** Run the admin console: tiers, guardrails, teams, drift, flow sources, the audit trail. */
    ADMINISTER("administer"),
    /**
     * Ask the owners of a tier one may not change to let one flow (or a generalisation of it) through for a while: on
     * the namespace at the requesting end of the flow.
     */
    REQUEST_EXCEPTION("request exceptions for"),
    /** Decide (grant, reject) or revoke such a request: on the tier the exception is written in. */
    GRANT_EXCEPTION("grant exceptions in");

    private final String verb;

    Action(String verb) {
        this.verb = verb;
    }

    /** The action in a sentence: "You may not {verb} …". */
    public String verb() {
        return verb;
    }

    /** Whether the action changes a policy (and so answers to tier governance like an edit). */
    public boolean changesPolicy() {
        return this == EDIT || this == STAGE || this == PROMOTE || this == WITHDRAW;
    }
}
