package dev.tierdeck.audit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Audit records of changes made outside PostgreSQL, such as a Calico tier written to the cluster, where one database
 * transaction cannot hold both the change and its record. Record the intent first, with the entry the change will be
 * audited as; change the cluster; then {@link #settle} it in the transaction that completes the change in the
 * database, or {@link #abandon} it when the cluster refused. An intent left behind (the process died, the database
 * failed after the cluster changed) is found by {@link #pending} and settled or abandoned after reading the cluster
 * back. So a change either has its audit record or did not happen.
 *
 * <pre>{@code
 * AuditIntent intent = intents.intend(entry, payload);   // committed before the cluster is touched
 * try {
 *     cluster.create(...);
 * } catch (ClusterException refused) {
 *     intents.abandon(intent.id());
 *     throw refused;
 * }
 * transaction.executeWithoutResult(status -> {
 *     if (intents.settle(intent.id())) {
 *         governance.save(...);
 *     }
 * });
 * }</pre>
 */
public interface AuditIntents {

    /**
     * Records the intent in a transaction of its own, committed when this returns.
     *
     * @param payloadJson what is needed to confirm and complete the change later (valid JSON)
     * @throws IllegalArgumentException when the payload is not valid JSON
     */
    AuditIntent intend(AuditEntry entry, String payloadJson);

    /**
     * Appends the intent's entry to the audit trail and forgets the intent, in the caller's transaction.
     *
     * @return false when the intent was already settled or abandoned (by another replica's sweep, say): then nothing
     *     was written and the caller must not complete the change a second time
     */
    boolean settle(UUID id);

    /** Like {@link #settle(UUID)}, adding {@code note} to the entry's reason (how the change was confirmed). */
    boolean settle(UUID id, String note);

    /**
     * Forgets the intent in the caller's transaction, which writes the change's own, fuller audit record: when that
     * transaction fails, the intent stays for the sweep, so the change is still audited.
     *
     * @return false when the intent was already settled or abandoned
     */
    boolean discharge(UUID id);

    /** Forgets the intent: the change did not happen. Runs in a transaction of its own. */
    void abandon(UUID id);

    /** Intents whose action starts with {@code actionPrefix}, recorded more than {@code olderThan} ago, oldest first. */
    List<AuditIntent> pending(String actionPrefix, Duration olderThan);
}
