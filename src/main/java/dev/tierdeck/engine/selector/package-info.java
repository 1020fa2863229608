/**
 * Calico's label selector language (calico-semantics.md §3): a hand-written tokenizer, a recursive-descent
 * parser producing a sealed AST of records, evaluation against label sets, canonical printing and a
 * parse-once cache. Syntax errors are values ({@link dev.tierdeck.engine.selector.ParseResult.Error}) with a
 * 0-based character position.
 */
@NullMarked
package dev.tierdeck.engine.selector;

import org.jspecify.annotations.NullMarked;
