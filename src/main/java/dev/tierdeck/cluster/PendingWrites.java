package dev.tierdeck.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes whose outcome is unknown (timeout or 5xx after the request went out). The reconciler reads each object back
 * and completes or confirms the write; until then the write is reported as {@link WriteOutcome.Change#PENDING}. Kept
 * in memory: the objects' own annotations (promotion id, content hash) make a later re-apply idempotent anyway.
 */
final class PendingWrites {

    /**
     * @param desired the object to hold (unmarked); null for a delete
     * @param expectedResourceVersion for a delete: the version that may be deleted
     */
    record Pending(
            ActingUser user,
            String promotionId,
            ObjectRef ref,
            @Nullable Map<String, Object> desired,
            boolean adoptUnowned,
            @Nullable String expectedResourceVersion,
            Instant since) {

        boolean delete() {
            return desired == null;
        }
    }

    private final Map<ObjectRef, Pending> pending = new ConcurrentHashMap<>();
    /** Registration order (clock instants can tie). */
    private final Map<ObjectRef, Long> order = new ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    void add(Pending write) {
        order.put(write.ref(), sequence.incrementAndGet());
        pending.put(write.ref(), write);
    }

    /** In registration order. */
    List<Pending> all() {
        return pending.values().stream()
                .sorted(java.util.Comparator.comparingLong(p -> order.getOrDefault(p.ref(), Long.MAX_VALUE)))
                .toList();
    }

    void settled(ObjectRef ref) {
        pending.remove(ref);
        order.remove(ref);
    }

    /** Whether a write of the same promotion registered before {@code write} is still pending. */
    boolean hasEarlierWriteOf(Pending write) {
        long mine = order.getOrDefault(write.ref(), Long.MAX_VALUE);
        return pending.values().stream()
                .anyMatch(p -> p != write
                        && p.promotionId().equals(write.promotionId())
                        && order.getOrDefault(p.ref(), Long.MAX_VALUE) < mine);
    }

    /** The deletes of the same promotion registered after {@code write}. */
    List<Pending> laterDeletesOf(Pending write) {
        long mine = order.getOrDefault(write.ref(), Long.MIN_VALUE);
        return pending.values().stream()
                .filter(p -> p.delete()
                        && p.promotionId().equals(write.promotionId())
                        && order.getOrDefault(p.ref(), Long.MIN_VALUE) > mine)
                .toList();
    }

    boolean isPending(Pending write) {
        return pending.get(write.ref()) == write;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
