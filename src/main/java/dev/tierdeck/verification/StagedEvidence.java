package dev.tierdeck.verification;

import dev.tierdeck.tier.GuardrailRules;
import dev.tierdeck.tier.PromotionEvidenceGuardrail;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The live evidence of a staged policy: what Calico's pending verdicts say about it since it was staged, and whether
 * that meets the {@code promotion-evidence} guardrail's criteria.
 *
 * @param stagedAt when the staged content was written to the cluster, null when it is not staged
 * @param stagedFor how long ago that was
 * @param flowsSeen distinct observed flows (source, destination, protocol, port) whose pending trace names the staged
 *     policy since then
 * @param wouldBeDenied of those, the flows allowed today that the pending verdicts deny
 * @param examples some of those denials, most connections first
 * @param partial true when more flow records matched than are read, so the counts are lower bounds
 * @param criteria the guardrail's settings in force
 * @param shortfalls what the criteria still lack, in words; empty when they hold
 */
public record StagedEvidence(
        @Nullable Instant stagedAt,
        Duration stagedFor,
        long flowsSeen,
        long wouldBeDenied,
        List<Denial> examples,
        boolean partial,
        GuardrailRules.PromotionEvidence criteria,
        List<String> shortfalls) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public StagedEvidence {
        examples = List.copyOf(examples);
        shortfalls = List.copyOf(shortfalls);
    }

    /** Whether the criteria hold, so the policy may be promoted without an approver as far as this guardrail goes. */
    public boolean ready() {
        return stagedAt != null && shortfalls.isEmpty();
    }

    /** How long it has been staged, as people say it ({@code 2 hours 5 minutes}). */
    public String stagedForWords() {
        return PromotionEvidenceGuardrail.words(stagedFor);
    }

    /** When it was staged, in UTC, empty when it is not staged. */
    public String stagedAtText() {
        return stagedAt == null ? "" : TIME.format(stagedAt);
    }

    /** Whether the guardrail is on, so that promotion waits for this evidence. */
    public boolean required() {
        return criteria.enabled();
    }

    /**
     * One observed flow that is allowed today and that the staged policy would deny.
     *
     * @param connections connections of that flow seen since staging
     */
    public record Denial(
            String source, String destination, String protocol, int port, long connections, Instant lastSeen) {

        public String words() {
            return source + " → " + destination + " " + protocol + (port == 0 ? "" : " " + port);
        }
    }
}
