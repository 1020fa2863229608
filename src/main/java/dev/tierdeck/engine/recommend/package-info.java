/**
 * Suggestions from observed traffic: generalises the flows of a namespace (or one workload) into Calico
 * {@code NetworkPolicy}s for a developer tier that allow what was observed reaching that tier and deny the rest, then
 * proves them against the same flows with the engine's impact analysis. Entry point:
 * {@link dev.tierdeck.engine.recommend.Recommender}.
 */
@NullMarked
package dev.tierdeck.engine.recommend;

import org.jspecify.annotations.NullMarked;
