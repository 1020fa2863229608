package dev.tierdeck.audit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of recomputing the audit chain.
 *
 * @param ok every record's hash matches its content and links to the record before it
 * @param records how many records were checked
 * @param firstBrokenId when not ok: the first record whose hash or link does not hold (for a cut-off tail, the
 *     id the chain head still names)
 * @param problem when not ok: what is wrong there, in a sentence
 */
public record ChainVerification(
        boolean ok,
        long records,
        @Nullable Long firstBrokenId,
        @Nullable String problem) {

    static ChainVerification intact(long records) {
        return new ChainVerification(true, records, null, null);
    }

    static ChainVerification brokenAt(long records, long id, String problem) {
        return new ChainVerification(false, records, id, problem);
    }
}
