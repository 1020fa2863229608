package dev.tierdeck.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the audit chain from the stored records, oldest first, in one snapshot. A record breaks the
 * chain when its content no longer gives its hash (it was edited), or when its previous hash is not the hash
 * of the record before it (a record was removed, inserted or moved); a chain head naming a record that is
 * gone means the newest records were cut off, a record beyond the head was written around the audit log.
 */
final class ChainVerifier {

    private final JdbcTemplate streaming;
    private final TransactionTemplate snapshot;

    /**
     * @param streaming a template with a fetch size, so that the records are read in batches
     * @param snapshot a new, read-only REPEATABLE READ transaction: the head and the records as of one moment
     */
    ChainVerifier(JdbcTemplate streaming, TransactionTemplate snapshot) {
        this.streaming = streaming;
        this.snapshot = snapshot;
    }

    ChainVerification verify() {
        return Objects.requireNonNull(snapshot.execute(status -> {
            @Nullable
            Head head = streaming
                    .query(
                            "select last_id, last_hash from audit_chain_head where chain = 1",
                            (rs, row) -> new Head((Long) rs.getObject("last_id"), rs.getString("last_hash")))
                    .stream()
                    .findFirst()
                    .orElse(null);
            return streaming.query(
                    "select " + AuditRecordRows.COLUMNS + " from audit_record order by id", (ResultSetExtractor<
                                    ChainVerification>)
                            rs -> {
                                long count = 0;
                                String expectedPrevious = CanonicalRecord.GENESIS;
                                @Nullable Long previousId = null;
                                while (rs.next()) {
                                    AuditRecord record = AuditRecordRows.read(rs);
                                    count++;
                                    if (!CanonicalRecord.hash(record).equals(record.hash())) {
                                        return ChainVerification.brokenAt(
                                                count,
                                                record.id(),
                                                "record " + record.id()
                                                        + " was changed: its content no longer matches its" + " hash");
                                    }
                                    if (!record.previousHash().equals(expectedPrevious)) {
                                        return ChainVerification.brokenAt(
                                                count, record.id(), brokenLink(record, previousId));
                                    }
                                    if (head == null || head.lastId() == null || record.id() > head.lastId()) {
                                        return ChainVerification.brokenAt(
                                                count,
                                                record.id(),
                                                "record " + record.id() + " lies beyond the chain head: it was written"
                                                        + " around the audit log");
                                    }
                                    expectedPrevious = record.hash();
                                    previousId = record.id();
                                }
                                return atTheEnd(head, count, previousId, expectedPrevious);
                            });
        }));
    }

    private static String brokenLink(AuditRecord record, @Nullable Long previousId) {
        return previousId == null
                ? "record " + record.id() + " does not start the chain: the records before it were removed"
                : "record " + record.id() + " does not link to record " + previousId
                        + ": a record between them was removed, or records were moved or inserted";
    }

    private static ChainVerification atTheEnd(@Nullable Head head, long count, @Nullable Long lastId, String lastHash) {
        if (head == null) {
            return ChainVerification.brokenAt(count, lastId == null ? 0 : lastId, "the audit chain head is missing");
        }
        if (Objects.equals(head.lastId(), lastId)) {
            return head.lastHash().equals(lastHash)
                    ? ChainVerification.intact(count)
                    : ChainVerification.brokenAt(
                            count,
                            lastId == null ? 0 : lastId,
                            "record " + lastId + " was replaced: the chain head holds another hash for it");
        }
        long missing = head.lastId() == null ? 0 : head.lastId();
        return ChainVerification.brokenAt(
                count,
                missing,
                lastId == null
                        ? "every record is gone, the chain head names record " + missing
                        : "the newest records are gone: the chain ends at record " + lastId
                                + " but its head names record " + missing);
    }

    private record Head(@Nullable Long lastId, String lastHash) {}
}
