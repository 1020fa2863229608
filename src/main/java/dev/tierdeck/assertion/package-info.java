/**
 * Connectivity assertions in the portal: facts about reachability that security admins state for the whole cluster
 * and teams state for their namespaces, stored in PostgreSQL and checked by the engine
 * ({@link dev.tierdeck.engine.assertion.AssertionChecker}) against the cluster as it is, against every draft before
 * it is staged or promoted, and against the observed flows of a recent window.
 *
 * <p>API for other modules: {@link dev.tierdeck.assertion.DraftAssertions} (what a draft would violate, each at the
 * rule of the draft that causes it, for the preview and the promotion), the event
 * {@link dev.tierdeck.assertion.AssertionViolated} (published when the cluster or an observed flow contradicts an
 * assertion), and one extension point, {@link dev.tierdeck.assertion.TraceWording}, which the preview implements so
 * that a trace reads here as it reads in an explanation. Pages under {@code /assertions}, REST under
 * {@code /api/v1/assertions}; who may read and state an assertion is {@link dev.tierdeck.tenancy.Permissions}'
 * answer for {@link dev.tierdeck.tenancy.Resource.Assertion}.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {"engine", "identity", "tenancy", "audit", "cluster", "flow", "system", "system :: leader"
        })
package dev.tierdeck.assertion;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
