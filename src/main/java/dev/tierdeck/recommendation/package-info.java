/**
 * Suggested policies from observed traffic, in the portal: the page under {@code /namespaces/{ns}/recommendation}
 * (form, levels, proof, evidence, leave-out, "open in the editor" as a draft) and
 * {@code POST /api/v1/namespaces/{ns}/recommendation}. The suggestion itself is the engine's
 * ({@link dev.tierdeck.engine.recommend.Recommender}); this module feeds it the stored flows of a window, the current
 * cluster and the developer tier, and saves a chosen suggestion as an ordinary draft.
 */
@NullMarked
package dev.tierdeck.recommendation;

import org.jspecify.annotations.NullMarked;
