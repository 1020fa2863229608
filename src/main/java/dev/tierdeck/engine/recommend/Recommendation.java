package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.model.CalicoPolicy;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A suggestion and its evidence: the policies, every observed connection of the scope with what happens to it, the
 * three levels side by side, the proof against the observed flows, and what the history can and cannot tell.
 */
public record Recommendation(
        Settings settings,
        List<SuggestedPolicy> policies,
        List<Connection> connections,
        List<LevelSummary> levels,
        Proof proof,
        History history) {

    public Recommendation {
        policies = List.copyOf(policies);
        connections = List.copyOf(connections);
        levels = List.copyOf(levels);
    }

    /** Rules over every suggested policy. */
    public int rules() {
        return policies.stream()
                .mapToInt(p -> p.ingress().size() + p.egress().size())
                .sum();
    }

    /**
     * One suggested policy.
     *
     * @param workloads the local workloads it selects ({@code namespace/name})
     * @param ingress evidence of each ingress rule, in rule order
     * @param egress evidence of each egress rule, in rule order
     * @param notes what a reader should know about it, in sentences
     */
    public record SuggestedPolicy(
            CalicoPolicy policy,
            List<String> workloads,
            List<RuleEvidence> ingress,
            List<RuleEvidence> egress,
            List<String> notes) {
        public SuggestedPolicy {
            workloads = List.copyOf(workloads);
            ingress = List.copyOf(ingress);
            egress = List.copyOf(egress);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Why a rule is there.
     *
     * @param workloads the local workloads it is for ({@code namespace/name})
     * @param peer the peer in words ({@code pods app == "cart" in checkout}, {@code namespace ingress-nginx})
     * @param ports protocol and ports in words ({@code TCP 8080, 8443})
     * @param connections connections observed that the rule allows
     * @param examples up to three observed peers, as reported
     * @param connectionIds the observed connections behind it
     */
    public record RuleEvidence(
            List<String> workloads,
            String peer,
            String ports,
            long connections,
            @Nullable Instant firstSeen,
            @Nullable Instant lastSeen,
            List<String> examples,
            List<String> connectionIds) {
        public RuleEvidence {
            workloads = List.copyOf(workloads);
            examples = List.copyOf(examples);
            connectionIds = List.copyOf(connectionIds);
        }
    }

    /** What the suggestion does with an observed connection. */
    public enum Status {
        /** It reaches the developer tier today and the suggestion allows it. */
        ALLOWED,
        /** It reaches the developer tier today and the user left it out: the suggestion denies it. */
        LEFT_OUT,
        /** A tier above the developer tier already allows it; the suggestion does not repeat it. */
        ALREADY_DECIDED,
        /** It is denied today; the suggestion does not allow it. */
        DENIED
    }

    /** Why an observed connection may not be wanted. */
    public enum Unusual {
        SANDBOX_OR_DEBUG("from or to a sandbox or debug workload"),
        RARE("seen rarely"),
        UNUSUAL_PEER("outside the team's usual peers");

        private final String text;

        Unusual(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One observed connection kind of the scope, in one direction.
     *
     * @param id stable across runs over the same cluster: what {@link Settings#leaveOut} names
     * @param direction {@code ingress} (the local workload receives) or {@code egress} (it sends)
     * @param workload the local workload, {@code namespace/name}
     * @param peer the other end: a workload {@code namespace/name}, a network set, an address or a network
     * @param port {@code null} for protocols without ports
     * @param decidedBy the decisive step today: the upper tier's hit for {@link Status#ALREADY_DECIDED}, the denying
     *     hit for {@link Status#DENIED}, the deciding hit of the local direction otherwise
     */
    public record Connection(
            String id,
            String direction,
            String workload,
            String peer,
            String protocol,
            @Nullable Integer port,
            long connections,
            @Nullable Instant firstSeen,
            @Nullable Instant lastSeen,
            List<String> examples,
            Status status,
            @Nullable PolicyHit decidedBy,
            List<Unusual> unusual) {
        public Connection {
            examples = List.copyOf(examples);
            unusual = List.copyOf(unusual);
        }

        public boolean ingress() {
            return direction.equals("ingress");
        }
    }

    /**
     * One generalisation level with the same settings otherwise.
     *
     * @param allowedConnections observed connections of the scope that would be allowed with the level's policies
     * @param observedConnections observed connections of the scope
     * @param newlyDeniedFlows observed flows allowed today that the level's policies deny (the left-out ones)
     * @param newlyAllowedFlows observed flows denied today that the level's policies allow
     */
    public record LevelSummary(
            Level level,
            int policies,
            int rules,
            long allowedConnections,
            long observedConnections,
            int newlyDeniedFlows,
            int newlyAllowedFlows) {

        /** Share of the observed connections allowed, 0 to 1 (1 for an empty history). */
        public double allowedShare() {
            return observedConnections == 0 ? 1.0 : (double) allowedConnections / observedConnections;
        }
    }

    /**
     * The suggestion replayed against the observed flows with the engine's impact analysis.
     *
     * @param flows distinct flows replayed
     * @param observedAllowedFlows flows allowed today
     * @param observedAllowedConnections their connections
     * @param newlyDeniedFlows flows allowed today that the suggestion denies
     * @param newlyAllowedFlows flows denied today that the suggestion allows
     * @param newlyDenied those flows, busiest first (at most {@link #SHOWN})
     * @param newlyAllowed likewise
     * @param leftOutStillAllowed left-out flows that stay allowed (a peer shares labels with one that is kept, or
     *     another policy of the tier allows it first)
     */
    public record Proof(
            int flows,
            int observedAllowedFlows,
            long observedAllowedConnections,
            int newlyDeniedFlows,
            int newlyAllowedFlows,
            List<ProofFlow> newlyDenied,
            List<ProofFlow> newlyAllowed,
            List<ProofFlow> leftOutStillAllowed) {

        /** Lists are cut after this many flows; the counts are complete. */
        public static final int SHOWN = 200;

        public Proof {
            newlyDenied = List.copyOf(newlyDenied);
            newlyAllowed = List.copyOf(newlyAllowed);
            leftOutStillAllowed = List.copyOf(leftOutStillAllowed);
        }

        /** Flows allowed today that the suggestion denies although nobody left them out: zero when the proof holds. */
        public int unexpectedlyDenied() {
            return (int) newlyDenied.stream().filter(f -> !f.leftOut()).count();
        }

        /** Whether every observed allowed flow that was not left out stays allowed. */
        public boolean holds() {
            return unexpectedlyDenied() == 0;
        }
    }

    /**
     * A replayed flow whose verdict the suggestion changes.
     *
     * @param leftOut whether one of its connections was left out by the user
     * @param decidedBy the decisive steps with the suggestion in force (of the direction that decides it)
     */
    public record ProofFlow(
            String id,
            String source,
            String destination,
            String protocol,
            @Nullable Integer port,
            long connections,
            boolean leftOut,
            List<PolicyHit> decidedBy) {
        public ProofFlow {
            decidedBy = List.copyOf(decidedBy);
        }
    }

    /**
     * What the history holds.
     *
     * @param observations observations given
     * @param flows distinct flows among them that touch the scope
     * @param connections their connections
     * @param thin whether there is too little to go on (see {@link #notes})
     * @param notes plain sentences on what the suggestion cannot know
     */
    public record History(
            int observations,
            int flows,
            long connections,
            @Nullable Instant firstSeen,
            @Nullable Instant lastSeen,
            boolean thin,
            List<String> notes) {
        public History {
            notes = List.copyOf(notes);
        }
    }
}
