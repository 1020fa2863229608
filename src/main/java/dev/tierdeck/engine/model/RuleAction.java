package dev.tierdeck.engine.model;

/** Action of a Calico rule, also used for a tier's default action (Deny or Pass only). */
public enum RuleAction {
    Allow,
    Deny,
    Pass,
    Log
}
