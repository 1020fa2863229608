/**
 * Connectivity assertions: statements that every connection from one set of endpoints to another, on given
 * protocols and ports, is allowed (or denied), checked exactly against a compiled cluster, optionally with a
 * proposed change, and against single observed flows.
 */
@NullMarked
package dev.tierdeck.engine.assertion;

import org.jspecify.annotations.NullMarked;
