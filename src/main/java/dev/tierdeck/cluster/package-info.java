/**
 * The cluster gateway: the only code that talks to Kubernetes (through the fabric8 client).
 *
 * <p>API for other modules: {@link dev.tierdeck.cluster.ClusterReader} (watch cache, status, snapshot, engine
 * objects), {@link dev.tierdeck.cluster.ClusterWriter} (dry run, staged policies, promotion, desired sets, as the
 * signed-in {@link dev.tierdeck.cluster.ActingUser}), {@link dev.tierdeck.cluster.ClusterDrift} (drift and restore),
 * the {@link dev.tierdeck.cluster.ClusterException} family, and two extension points other modules may implement:
 * {@link dev.tierdeck.cluster.LockedTierLookup} and {@link dev.tierdeck.cluster.ReconcileLock}. Without a configured
 * cluster it starts the built-in demo cluster ({@code dev.tierdeck.cluster.demo}).
 */
@NullMarked
package dev.tierdeck.cluster;

import org.jspecify.annotations.NullMarked;
