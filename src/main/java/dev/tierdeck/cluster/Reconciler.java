package dev.tierdeck.cluster;

import dev.tierdeck.cluster.WriteOutcome.Change;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background reconciler: settles writes whose outcome was uncertain by reading the objects back (completing them
 * at most once), then looks for drift. Safe on one replica at a time; {@link ReconcileLock} decides which.
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final PendingWrites pending;
    private final ObjectApplier applier;
    private final KubeApi api;
    private final DriftMonitor drift;
    private final Runnable beforeRun;
    private final Consumer<WriteSettled> settled;

    Reconciler(
            PendingWrites pending,
            ObjectApplier applier,
            KubeApi api,
            DriftMonitor drift,
            Runnable beforeRun,
            Consumer<WriteSettled> settled) {
        this.pending = pending;
        this.applier = applier;
        this.api = api;
        this.drift = drift;
        this.beforeRun = beforeRun;
        this.settled = settled;
    }

    /** One full pass. Never throws: an unavailable API server just leaves the work for the next pass. */
    void reconcileOnce() {
        try {
            beforeRun.run();
            settlePending();
            drift.scan();
        } catch (ClusterUnavailableException e) {
            log.info("reconciler: {}; retrying on the next run", e.getMessage());
        }
    }

    void settlePending() {
        for (PendingWrites.Pending write : pending.all()) {
            if (!pending.isPending(write)) {
                continue; // settled by an earlier step of this pass
            }
            if (write.delete() && pending.hasEarlierWriteOf(write)) {
                continue; // e.g. a staged policy is removed only once its enforced copy is confirmed
            }
            try {
                settle(write);
            } catch (ClusterUnavailableException e) {
                throw e;
            } catch (ClusterException e) {
                pending.settled(write.ref());
                log.warn(
                        "reconciler: could not complete {} of promotion {}: {}",
                        write.ref(),
                        write.promotionId(),
                        e.getMessage());
                settled.accept(new WriteSettled(
                        write.promotionId(), new WriteOutcome(write.ref(), Change.UNCHANGED, null), e.getMessage()));
                // a staged policy whose enforced copy could not be written must stay
                for (PendingWrites.Pending later : pending.laterDeletesOf(write)) {
                    pending.settled(later.ref());
                    settled.accept(new WriteSettled(
                            later.promotionId(),
                            new WriteOutcome(later.ref(), Change.UNCHANGED, later.expectedResourceVersion()),
                            "kept because an earlier write of the promotion failed: " + e.getMessage()));
                }
            }
        }
    }

    private void settle(PendingWrites.Pending write) {
        Map<String, Object> current = api.get(write.ref());
        if (write.delete()) {
            if (current == null) {
                pending.settled(write.ref());
                applier.deletedByTierdeck(write.ref());
                settled.accept(new WriteSettled(
                        write.promotionId(), new WriteOutcome(write.ref(), Change.DELETED, null), null));
                return;
            }
            String version = ManifestMaps.resourceVersion(current);
            if (!Objects.equals(version, write.expectedResourceVersion())) {
                pending.settled(write.ref());
                settled.accept(new WriteSettled(
                        write.promotionId(),
                        new WriteOutcome(write.ref(), Change.UNCHANGED, version),
                        write.ref() + " was changed by someone else before it could be deleted"));
                return;
            }
            pending.settled(write.ref());
            report(write, applier.delete(write.user(), write.ref(), String.valueOf(version), write.promotionId()));
            return;
        }
        Map<String, Object> desired = Objects.requireNonNull(write.desired());
        String hash = Ownership.hash(Ownership.content(desired));
        pending.settled(write.ref());
        if (current != null && Ownership.holds(current, hash)) {
            // the uncertain write did go through: nothing to send again
            settled.accept(new WriteSettled(
                    write.promotionId(),
                    new WriteOutcome(write.ref(), Change.UNCHANGED, ManifestMaps.resourceVersion(current)),
                    null));
            return;
        }
        report(
                write,
                applier.apply(write.user(), write.ref(), desired, null, write.promotionId(), write.adoptUnowned()));
    }

    private void report(PendingWrites.Pending write, WriteOutcome outcome) {
        if (outcome.change() != Change.PENDING) {
            settled.accept(new WriteSettled(write.promotionId(), outcome, null));
        }
    }
}
