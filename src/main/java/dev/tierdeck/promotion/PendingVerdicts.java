package dev.tierdeck.promotion;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.StoredFlow;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.preview.ImpactPreview;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What Calico reports for a staged policy: the observed flows whose pending trace names it (calico-semantics.md
 * §4.3: staged policies are evaluated alongside the enforced ones and only recorded), each beside the offline
 * prediction for the same flow.
 */
@Component
class PendingVerdicts {

    static final int LIMIT = 50;

    /**
     * @param enforced what the flow got
     * @param pending what it would get with the staged policy in force, as the cluster evaluated it
     * @param predicted what the offline preview predicts for it with the draft in force
     */
    record Row(
            Instant bucket,
            String source,
            String destination,
            String protocol,
            int port,
            String enforced,
            String pending,
            String predicted) {

        public boolean agrees() {
            return pending.equals(predicted);
        }
    }

    private final FlowStore flows;
    private final Clock clock = Clock.systemUTC();

    PendingVerdicts(FlowStore flows) {
        this.flows = flows;
    }

    List<Row> of(PolicyRef ref, @Nullable ImpactPreview prediction) {
        Instant to = clock.instant();
        FlowFilter filter = FlowFilter.window(to.minus(ImpactEvidence.WINDOW), to)
                .inNamespaces(ref.namespace() == null ? null : Set.of(ref.namespace()))
                .withPolicy(ref.name());
        return flows.query(filter, 0, LIMIT).items().stream()
                .filter(f -> namesStaged(f.flow(), ref))
                .map(f -> row(f, prediction))
                .toList();
    }

    private static boolean namesStaged(FlowRecord flow, PolicyRef ref) {
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

    private static Row row(StoredFlow stored, @Nullable ImpactPreview prediction) {
        FlowRecord f = stored.flow();
        String source = f.source().displayName();
        String destination = f.destination().displayName();
        String enforced = f.action().name();
        FlowAction pending = f.pendingAction();
        String predicted = prediction == null
                ? "-"
                : prediction.changes().stream()
                        .filter(c -> c.port() == f.port()
                                && c.protocol().equalsIgnoreCase(f.protocol())
                                && sameWorkload(c.source(), source)
                                && sameWorkload(c.destination(), destination))
                        .map(ImpactPreview.FlowChange::after)
                        .findFirst()
                        // a flow the preview does not list keeps its verdict
                        .orElse(enforced);
        return new Row(
                stored.bucket(),
                source,
                destination,
                f.protocol(),
                f.port(),
                enforced,
                pending == null ? "-" : pending.name(),
                predicted);
    }

    /** Aggregated pod names end in {@code *}; either side may be a prefix of the other. */
    private static boolean sameWorkload(String a, String b) {
        String x = a.endsWith("*") ? a.substring(0, a.length() - 1) : a;
        String y = b.endsWith("*") ? b.substring(0, b.length() - 1) : b;
        return x.startsWith(y) || y.startsWith(x);
    }
}
