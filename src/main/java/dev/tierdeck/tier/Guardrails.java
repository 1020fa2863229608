package dev.tierdeck.tier;

import java.util.List;

/**
 * The guardrails in force and their history. Read from the database on every call, so a saved change applies to
 * the next check.
 */
public interface Guardrails {

    /** The newest version, or the built-in defaults (version 0) when none was saved. */
    GuardrailVersion current();

    /** Every saved version, newest first (the built-in defaults are not listed). */
    List<GuardrailVersion> history();
}
