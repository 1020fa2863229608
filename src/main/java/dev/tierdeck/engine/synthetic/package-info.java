/**
 * Seeded generators of clusters and flows: small scenarios biased towards the edge cases of calico-semantics.md §7
 * (for the differential test), and a large realistic cluster (for the benchmark). The same seed always gives the
 * same scenario.
 */
@NullMarked
package dev.tierdeck.engine.synthetic;

import org.jspecify.annotations.NullMarked;
