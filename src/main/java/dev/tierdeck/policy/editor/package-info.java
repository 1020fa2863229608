/**
 * The policy editor: a form for Calico {@code NetworkPolicy} and {@code GlobalNetworkPolicy} that maps exactly to
 * the engine model and to canonical YAML, with the YAML editable beside it.
 */
@NullMarked
package dev.tierdeck.policy.editor;

import org.jspecify.annotations.NullMarked;
