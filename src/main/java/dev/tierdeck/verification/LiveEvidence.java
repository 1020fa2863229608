package dev.tierdeck.verification;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowPage;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.StoredFlow;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.tier.GuardrailRules;
import dev.tierdeck.tier.Guardrails;
import dev.tierdeck.tier.PromotionEvidenceGuardrail;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The live evidence of staged policies. Calico evaluates a staged policy beside the enforced ones and records its
 * verdict in each flow's pending trace (calico-semantics.md §4.3); since the moment the content was staged, every
 * stored flow whose pending trace names the policy is evidence of what it would do in force. A flow allowed today
 * whose pending verdict is Deny is one the policy would newly deny.
 */
@Component
public class LiveEvidence {

    /** Flow records read per request, at most: the counts say when they are lower bounds. */
    static final int MAX_RECORDS = 10_000;

    static final int PAGE = 1_000;

    /** Denials named as examples. */
    public static final int EXAMPLES = 10;

    private final JdbcClient jdbc;
    private final FlowStore flows;
    private final Guardrails guardrails;
    private final Duration bucket;
    private final Clock clock;

    LiveEvidence(JdbcClient jdbc, FlowStore flows, Guardrails guardrails, FlowProperties flowProperties) {
        this.jdbc = jdbc;
        this.flows = flows;
        this.guardrails = guardrails;
        this.bucket = flowProperties.bucket();
        this.clock = Clock.systemUTC();
    }

    /**
     * Records that the staged object {@code resourceVersion} of {@code ref} was written at {@code at}. Call it in the
     * transaction that records the staging, so both commit or neither does.
     */
    public void staged(PolicyRef ref, String resourceVersion, Instant at) {
        jdbc.sql("""
                        insert into policy_staging (namespace, name, resource_version, staged_at)
                        values (:namespace, :name, :rv, :at)
                        on conflict (namespace, name) do update
                        set resource_version = excluded.resource_version, staged_at = excluded.staged_at""")
                .param("namespace", key(ref))
                .param("name", ref.name())
                .param("rv", resourceVersion)
                .param("at", Timestamp.from(at))
                .update();
    }

    /**
     * When the draft's staged object was written, null when it is not staged as it is. A staged object recorded before
     * this was kept falls back to the draft's last change while it is staged, which is when it was staged.
     */
    public @Nullable Instant stagedAt(PolicyDraft draft) {
        String rv = draft.stagedResourceVersion();
        if (rv == null || !draft.stagedAsItIs()) {
            return null;
        }
        return jdbc.sql("""
                        select staged_at from policy_staging
                        where namespace = :namespace and name = :name and resource_version = :rv""")
                .param("namespace", key(draft.ref()))
                .param("name", draft.ref().name())
                .param("rv", rv)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(draft.state() == PolicyState.STAGED ? draft.updatedAt() : null);
    }

    /** The evidence of the draft's staged content, judged against the guardrail settings in force. */
    public StagedEvidence of(PolicyDraft draft) {
        GuardrailRules.PromotionEvidence criteria = guardrails.current().rules().promotionEvidence();
        Instant stagedAt = stagedAt(draft);
        Instant now = clock.instant();
        if (stagedAt == null) {
            return new StagedEvidence(
                    null, Duration.ZERO, 0, 0, List.of(), false, criteria, List.of("it is not staged as it is"));
        }
        Duration stagedFor =
                Duration.between(stagedAt, now).isNegative() ? Duration.ZERO : Duration.between(stagedAt, now);
        Tally tally = tally(draft.ref(), stagedAt, now);
        List<StagedEvidence.Denial> examples = tally.denials.values().stream()
                .sorted(Comparator.comparingLong(StagedEvidence.Denial::connections)
                        .reversed()
                        .thenComparing(StagedEvidence.Denial::words))
                .limit(EXAMPLES)
                .toList();
        List<String> shortfalls = PromotionEvidenceGuardrail.shortfalls(
                criteria,
                stagedFor,
                tally.denials.size(),
                examples.stream().map(StagedEvidence.Denial::words).toList());
        return new StagedEvidence(
                stagedAt,
                stagedFor,
                tally.seen.size(),
                tally.denials.size(),
                examples,
                tally.partial,
                criteria,
                shortfalls);
    }

    private static final class Tally {
        final Set<String> seen = new java.util.HashSet<>();
        final Map<String, StagedEvidence.Denial> denials = new LinkedHashMap<>();
        boolean partial;
    }

    private Tally tally(PolicyRef ref, Instant from, Instant to) {
        Tally tally = new Tally();
        if (!from.isBefore(to)) {
            return tally;
        }
        // flows are stored by time bucket: the bucket in which it was staged holds its first pending verdicts
        long width = bucket.toSeconds();
        Instant first = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), width) * width);
        FlowFilter filter = FlowFilter.window(first, to.plusMillis(1))
                .inNamespaces(ref.namespace() == null ? null : Set.of(ref.namespace()))
                .withPolicy(ref.name());
        int read = 0;
        for (int page = 0; read < MAX_RECORDS; page++) {
            FlowPage found = flows.query(filter, page, PAGE);
            for (StoredFlow stored : found.items()) {
                count(tally, ref, stored);
            }
            read += found.items().size();
            if (found.items().size() < PAGE) {
                return tally;
            }
        }
        tally.partial = true;
        return tally;
    }

    private static void count(Tally tally, PolicyRef ref, StoredFlow stored) {
        FlowRecord f = stored.flow();
        if (!namesStaged(f, ref)) {
            return;
        }
        String source = f.source().displayName();
        String destination = f.destination().displayName();
        String key = source + "|" + destination + "|" + f.protocol() + "|" + f.port();
        tally.seen.add(key);
        if (f.action() == FlowAction.Allow && f.pendingAction() == FlowAction.Deny) {
            long connections = f.counts().connectionsStarted() > 0 ? f.counts().connectionsStarted() : 1;
            tally.denials.merge(
                    key,
                    new StagedEvidence.Denial(source, destination, f.protocol(), f.port(), connections, f.end()),
                    (a, b) -> new StagedEvidence.Denial(
                            a.source(),
                            a.destination(),
                            a.protocol(),
                            a.port(),
                            a.connections() + b.connections(),
                            a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
        }
    }

    /** Whether the flow's pending trace names the staged policy, deciding or selecting (end of tier). */
    static boolean namesStaged(FlowRecord flow, PolicyRef ref) {
        return flow.pending().stream()
                .anyMatch(hit -> isStaged(hit, ref)
                        || hit.trigger() != null && isStaged(Objects.requireNonNull(hit.trigger()), ref));
    }

    private static boolean isStaged(PolicyHit hit, PolicyRef ref) {
        PolicyHitKind wanted =
                ref.isGlobal() ? PolicyHitKind.StagedGlobalNetworkPolicy : PolicyHitKind.StagedNetworkPolicy;
        return hit.kind() == wanted
                && hit.name().equals(ref.name())
                && Objects.equals(hit.namespace(), ref.namespace());
    }

    static String key(PolicyRef ref) {
        return ref.namespace() == null ? "" : ref.namespace();
    }
}
