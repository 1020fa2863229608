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
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.system.leader.LeaderLock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Predictions checked after promotion. Promotion records what the preview predicted the new version would deny; for
 * {@link VerificationProperties#watchFor} afterwards a job on the leader reads the flows the promoted policy actually
 * denied (its enforced trace ends in its Deny, or in its tier's end when it selected the endpoint: calico-semantics.md
 * §4.3) and names those the prediction did not. The first unexpected denial of a promotion is published as
 * {@link UnexpectedDenials}.
 */
@Component
public class PromotionChecks {

    static final String TASK = "promotion-checks";
    /** Predicted flows kept per promotion, and unexpected ones named. */
    static final int MAX_PREDICTED = 500;

    static final int EXAMPLES = 10;
    static final int MAX_RECORDS = 10_000;
    private static final int PAGE = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<PromotionCheck.Flow>> FLOWS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final FlowStore flows;
    private final LeaderLock leader;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final VerificationProperties properties;
    private final Duration bucket;
    private final Clock clock = Clock.systemUTC();

    PromotionChecks(
            JdbcClient jdbc,
            FlowStore flows,
            LeaderLock leader,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            VerificationProperties properties,
            FlowProperties flowProperties) {
        this.jdbc = jdbc;
        this.flows = flows;
        this.leader = leader;
        this.transaction = transaction;
        this.events = events;
        this.properties = properties;
        this.bucket = flowProperties.bucket();
    }

    /**
     * Keeps the prediction of a promotion, to be checked against what follows. Call it in the promotion's transaction.
     *
     * @param predicted the flows the preview said the version newly denies (at most {@value #MAX_PREDICTED} kept)
     */
    public void promoted(
            PolicyRef ref,
            String tier,
            int version,
            String promotionId,
            Instant promotedAt,
            String promotedBy,
            @Nullable String approvedBy,
            List<PromotionCheck.Flow> predicted,
            long predictedCount) {
        jdbc.sql("""
                        insert into promotion_check (namespace, name, version, promotion_id, tier, promoted_at,
                            promoted_by, approved_by, watch_until, predicted, predicted_count)
                        values (:namespace, :name, :version, :promotion, :tier, :at, :by, :approver, :until,
                            cast(:predicted as jsonb), :count)
                        on conflict (namespace, name, version) do nothing""")
                .param("namespace", LiveEvidence.key(ref))
                .param("name", ref.name())
                .param("version", version)
                .param("promotion", promotionId)
                .param("tier", tier)
                .param("at", Timestamp.from(promotedAt))
                .param("by", promotedBy)
                .param("approver", approvedBy)
                .param("until", Timestamp.from(promotedAt.plus(properties.watchFor())))
                .param(
                        "predicted",
                        JSON.writeValueAsString(
                                predicted.stream().limit(MAX_PREDICTED).toList()))
                .param("count", predictedCount)
                .update();
    }

    /** The checks of a policy's versions, newest first. */
    public List<PromotionCheck> of(PolicyRef ref) {
        return jdbc.sql("select * from promotion_check where namespace = :namespace and name = :name"
                        + " order by version desc")
                .param("namespace", LiveEvidence.key(ref))
                .param("name", ref.name())
                .query(PromotionChecks::check)
                .list();
    }

    @Scheduled(fixedDelayString = "${tierdeck.verification.check-interval:30s}", initialDelayString = "PT20S")
    void scheduled() {
        leader.runIfLeader(TASK, this::checkOpen);
    }

    /** Compares every promotion still watched with the flows since; returns how many were checked. */
    public int checkOpen() {
        List<Open> open = jdbc.sql("select namespace, name, version, tier, predicted::text as predicted"
                        + " from promotion_check where not finished order by promoted_at")
                .query((rs, row) -> new Open(
                        rs.getString("namespace").isEmpty()
                                ? PolicyRef.global(rs.getString("name"))
                                : PolicyRef.namespaced(rs.getString("namespace"), rs.getString("name")),
                        rs.getInt("version"),
                        rs.getString("tier"),
                        JSON.readValue(rs.getString("predicted"), FLOWS)))
                .list();
        for (Open o : open) {
            checkOne(o);
        }
        return open.size();
    }

    private record Open(PolicyRef ref, int version, String tier, List<PromotionCheck.Flow> predicted) {}

    private void checkOne(Open o) {
        PromotionCheck before = of(o.ref()).stream()
                .filter(c -> c.version() == o.version())
                .findFirst()
                .orElse(null);
        if (before == null) {
            return;
        }
        Instant now = clock.instant();
        // the watch ends when it is over, or when a later version replaces this one: its denials are that version's
        Instant end = of(o.ref()).stream()
                .filter(c -> c.version() > o.version())
                .map(PromotionCheck::promotedAt)
                .min(Comparator.naturalOrder())
                .filter(next -> next.isBefore(before.watchUntil()))
                .orElse(before.watchUntil());
        Instant to = now.isBefore(end) ? now : end;
        Map<String, PromotionCheck.Flow> denied = denied(o.ref(), before.promotedAt(), to);
        List<PromotionCheck.Flow> unexpected = denied.values().stream()
                .filter(f -> o.predicted().stream().noneMatch(p -> same(p, f)))
                .sorted(Comparator.comparingLong(PromotionCheck.Flow::connections)
                        .reversed()
                        .thenComparing(PromotionCheck.Flow::words))
                .toList();
        boolean finished = !now.isBefore(end);
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            update promotion_check set seen_denied = :seen, unexpected_count = :count,
                                unexpected = cast(:unexpected as jsonb), checked_at = :now, finished = :finished
                            where namespace = :namespace and name = :name and version = :version""")
                    .param("seen", denied.size())
                    .param("count", unexpected.size())
                    .param(
                            "unexpected",
                            JSON.writeValueAsString(
                                    unexpected.stream().limit(EXAMPLES).toList()))
                    .param("now", Timestamp.from(now))
                    .param("finished", finished)
                    .param("namespace", LiveEvidence.key(o.ref()))
                    .param("name", o.ref().name())
                    .param("version", o.version())
                    .update();
            if (before.unexpectedCount() == 0 && !unexpected.isEmpty()) {
                events.publishEvent(new UnexpectedDenials(
                        o.ref().toString(),
                        o.ref().namespace(),
                        o.tier(),
                        o.version(),
                        before.promotedBy(),
                        before.approvedBy(),
                        unexpected.size(),
                        unexpected.stream().limit(EXAMPLES).toList(),
                        page(o.ref()),
                        now));
            }
        });
    }

    /** The distinct flows the enforced policy denied in the window, by source, destination, protocol and port. */
    private Map<String, PromotionCheck.Flow> denied(PolicyRef ref, Instant from, Instant to) {
        Map<String, PromotionCheck.Flow> out = new LinkedHashMap<>();
        if (!from.isBefore(to)) {
            return out;
        }
        long width = bucket.toSeconds();
        Instant first = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), width) * width);
        FlowFilter filter = FlowFilter.window(first, to.plusMillis(1))
                .inNamespaces(ref.namespace() == null ? null : Set.of(ref.namespace()))
                .withAction(FlowAction.Deny)
                .withPolicy(ref.name());
        int read = 0;
        for (int page = 0; read < MAX_RECORDS; page++) {
            FlowPage found = flows.query(filter, page, PAGE);
            for (StoredFlow stored : found.items()) {
                FlowRecord f = stored.flow();
                // a bucket may straddle the promotion (flows of the version before) or the next one (of the version
                // after)
                if (f.end().isBefore(from) || !f.start().isBefore(to) || !deniedBy(f, ref)) {
                    continue;
                }
                String key = f.source().displayName() + "|" + f.destination().displayName() + "|" + f.protocol() + "|"
                        + f.port();
                long n = Math.max(1, f.counts().connectionsStarted());
                out.merge(
                        key,
                        new PromotionCheck.Flow(
                                f.source().displayName(), f.destination().displayName(), f.protocol(), f.port(), n),
                        (a, b) -> new PromotionCheck.Flow(
                                a.source(),
                                a.destination(),
                                a.protocol(),
                                a.port(),
                                a.connections() + b.connections()));
            }
            read += found.items().size();
            if (found.items().size() < PAGE) {
                break;
            }
        }
        return out;
    }

    /** Whether the deciding hit of the enforced trace is the policy's Deny, or its tier's end after it selected. */
    static boolean deniedBy(FlowRecord flow, PolicyRef ref) {
        // the verdict is the trace's last Allow or Deny, as for the pending trace (FlowRecord#pendingAction)
        PolicyHit deciding = null;
        for (PolicyHit h : flow.enforced()) {
            if (h.action() == FlowAction.Allow || h.action() == FlowAction.Deny) {
                deciding = h;
            }
        }
        if (deciding == null || deciding.action() != FlowAction.Deny) {
            return false;
        }
        PolicyHit named = deciding.kind() == PolicyHitKind.EndOfTier ? deciding.trigger() : deciding;
        PolicyHitKind wanted = ref.isGlobal() ? PolicyHitKind.GlobalNetworkPolicy : PolicyHitKind.CalicoNetworkPolicy;
        return named != null
                && named.kind() == wanted
                && named.name().equals(ref.name())
                && Objects.equals(named.namespace(), ref.namespace());
    }

    /** The preview names aggregated workloads ({@code api-*}); either side may be a prefix of the other. */
    static boolean same(PromotionCheck.Flow predicted, PromotionCheck.Flow seen) {
        return predicted.port() == seen.port()
                && predicted.protocol().equalsIgnoreCase(seen.protocol())
                && sameWorkload(predicted.source(), seen.source())
                && sameWorkload(predicted.destination(), seen.destination());
    }

    private static boolean sameWorkload(String a, String b) {
        String x = a.endsWith("*") ? a.substring(0, a.length() - 1) : a;
        String y = b.endsWith("*") ? b.substring(0, b.length() - 1) : b;
        return x.startsWith(y) || y.startsWith(x);
    }

    static String page(PolicyRef ref) {
        return ref.namespace() == null
                ? "/global-policies/" + ref.name()
                : "/namespaces/" + ref.namespace() + "/policies/" + ref.name();
    }

    private static PromotionCheck check(ResultSet rs, int row) throws SQLException {
        Timestamp checked = rs.getTimestamp("checked_at");
        return new PromotionCheck(
                rs.getInt("version"),
                rs.getString("promotion_id"),
                rs.getTimestamp("promoted_at").toInstant(),
                rs.getString("promoted_by"),
                rs.getString("approved_by"),
                rs.getTimestamp("watch_until").toInstant(),
                rs.getLong("predicted_count"),
                rs.getLong("seen_denied"),
                rs.getLong("unexpected_count"),
                new ArrayList<>(JSON.readValue(rs.getString("unexpected"), FLOWS)),
                checked == null ? null : checked.toInstant(),
                rs.getBoolean("finished"));
    }
}
