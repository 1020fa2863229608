package dev.tierdeck.engine.eval;

/** The outcome for a direction or a whole flow. */
public enum Verdict {
    Allow,
    Deny
}
