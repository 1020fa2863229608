/**
 * A deliberately slow, literal evaluator written straight from calico-semantics.md, used to check the fast
 * engine: for every flow and direction it sorts tiers, filters policies and walks rules, and it matches rule peers
 * by scanning every pod and network set for IP membership. Nothing here is indexed or cached beyond parsed
 * selectors; clarity over speed.
 */
@NullMarked
package dev.tierdeck.engine.reference;

import org.jspecify.annotations.NullMarked;
