package dev.tierdeck.engine.model;

/** {@code spec.stagedAction} of the staged kinds; only {@code Delete} is special (calico-semantics §1.4). */
public enum StagedAction {
    Set,
    Delete,
    Learn,
    Ignore
}
