package dev.tierdeck.audit;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The audit trail: append-only, hash-chained records of every change.
 *
 * <p>Record a change in the same transaction as the change itself: call {@link #record(AuditEntry)} from inside
 * the caller's {@code @Transactional} method (or {@code TransactionTemplate}), so that the change and its record
 * commit or roll back together. Recording takes the chain's lock until that transaction ends, so record last,
 * after slow work (cluster calls) is done.
 */
public interface AuditLog {

    /**
     * Appends a record to the chain, joining the caller's transaction (or running in its own when there is
     * none). Safe under concurrency, across replicas too: appends queue up on the chain head, so the chain never
     * forks. In a REPEATABLE READ or SERIALIZABLE transaction a concurrent append makes this call fail with a
     * serialization error instead; retry the whole transaction then.
     *
     * @return the stored record, with its id and hash
     * @throws IllegalArgumentException when the impact evidence is not valid JSON
     */
    AuditRecord record(AuditEntry entry);

    /** One page (from 0) of the records matching {@code query}, newest first, in pages of the configured size. */
    AuditPage find(AuditQuery query, int page);

    /**
     * Recomputes every hash in id order and checks each record's link to the one before it and the chain head
     * against the newest record. Reads one consistent snapshot; appends made meanwhile are not checked.
     */
    ChainVerification verify();

    /** Writes every record matching {@code query}, oldest first, to {@code out} (left open). */
    void export(AuditQuery query, ExportFormat format, OutputStream out) throws IOException;
}
