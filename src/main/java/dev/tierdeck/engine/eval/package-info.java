/**
 * The evaluator: compiles a {@link dev.tierdeck.engine.model.ClusterState} once into an index
 * ({@link dev.tierdeck.engine.eval.Engine#compile}) and answers, for any flow, what Calico enforces today and what
 * it would enforce with every staged policy in force, with the decisive policy hits (calico-semantics §2, §4).
 */
@NullMarked
package dev.tierdeck.engine.eval;

import org.jspecify.annotations.NullMarked;
