package dev.tierdeck.flow;

/** The action of a flow or of one policy hit, as Goldmane reports it (calico-semantics §4.4). */
public enum FlowAction {
    Allow,
    Deny,
    Pass
}
