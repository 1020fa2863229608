package dev.tierdeck.cluster;

/**
 * Wraps each background reconciler run, so that a leader lock can make sure only one replica reconciles at a time.
 * Without an implementation the run happens directly.
 */
public interface ReconcileLock {

    /** Runs {@code task} if this replica holds the lock; skips it otherwise. */
    void runExclusively(Runnable task);
}
