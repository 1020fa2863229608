/**
 * The cluster as the engine sees it: immutable records for Calico and Kubernetes policy objects, network sets,
 * namespaces, pods and service accounts, gathered in a {@link dev.tierdeck.engine.model.ClusterState}.
 *
 * <p>Records keep what the manifests say (for example {@code types} stays {@code null} when omitted); defaulting
 * and conversion happen in the evaluator so that encoding a decoded object gives back what was written.
 */
@NullMarked
package dev.tierdeck.engine.model;

import org.jspecify.annotations.NullMarked;
