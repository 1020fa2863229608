package dev.tierdeck.recommendation;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.recommend.Observation;
import dev.tierdeck.engine.recommend.Recommendation;
import dev.tierdeck.engine.recommend.Recommender;
import dev.tierdeck.engine.recommend.Settings;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.ReplayFlow;
import dev.tierdeck.flow.ReplaySet;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.Teams;
import dev.tierdeck.tier.TierGovernance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Suggests policies for a namespace from its stored flows, and saves a suggestion as drafts. The flows of the window
 * are mapped onto the current cluster as the impact preview maps them; each replayed flow becomes an observation
 * with its connections (counted by the busier end, as Goldmane usually reports a connection from both ends), its
 * times and how each end was reported, so that network sets and the outside networks keep their names.
 */
@Component
@EnableConfigurationProperties(RecommendationProperties.class)
class Suggestions {

    private record Compiled(Manifests source, CompiledCluster cluster) {}

    private final ClusterReader cluster;
    private final FlowStore flows;
    private final TierGovernance governance;
    private final Teams teams;
    private final PolicyDrafts drafts;
    private final RecommendationAccess access;
    private final RecommendationProperties properties;
    private final Clock clock;
    /** The cluster compiled for the engine, kept until the watch cache decodes a new state. */
    private final AtomicReference<@Nullable Compiled> compiled = new AtomicReference<>();

    Suggestions(
            ClusterReader cluster,
            FlowStore flows,
            TierGovernance governance,
            Teams teams,
            PolicyDrafts drafts,
            RecommendationAccess access,
            RecommendationProperties properties,
            ObjectProvider<Clock> clock) {
        this.cluster = cluster;
        this.flows = flows;
        this.governance = governance;
        this.teams = teams;
        this.drafts = drafts;
        this.access = access;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * The suggestion the request asks for.
     *
     * @throws org.springframework.security.access.AccessDeniedException when the namespace is not the user's
     * @throws ResponseStatusException 404 when the cluster has no such namespace
     * @throws SuggestionRequest.Invalid naming every field that cannot be used
     */
    Suggestion suggest(CurrentUser user, String namespace, SuggestionRequest request) throws SuggestionRequest.Invalid {
        access.requireMaySee(user, namespace);
        Manifests decoded = cluster.decoded();
        ClusterState state = decoded.state();
        boolean exists = state.namespace(namespace) != null
                || state.pods().stream().anyMatch(p -> p.namespace().equals(namespace));
        if (!exists) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The cluster has no namespace " + namespace + ".");
        }
        SuggestionRequest.Parsed parsed =
                request.parse(namespace, clock.instant(), properties.defaultWindow(), properties.maxWindow());
        if (parsed.settings().workload() != null) {
            // The namespace page names a bare pod or StatefulSet member by its owner; the engine by its pod name.
            String w = parsed.settings().workload();
            for (Pod p : state.pods()) {
                if (p.namespace().equals(namespace) && p.name().equals(w)) {
                    parsed = new SuggestionRequest.Parsed(
                            parsed.window(),
                            parsed.settings().withWorkload(p.workload().substring(namespace.length() + 1)));
                    break;
                }
            }
        }
        List<String> tiers = new ArrayList<>(new TreeSet<>(governance.developerTiers()));
        String tier = tier(request, tiers);
        Settings settings = parsed.settings()
                .withTier(tier)
                .withUsualNamespaces(usualNamespaces(namespace, state))
                .withTakenNames(draftNames(namespace));
        Map<String, String> errors = new LinkedHashMap<>();
        for (Recommender.Problem p : Recommender.check(state, settings)) {
            errors.put(p.field().startsWith("width") ? "width" : p.field(), capitalised(p.message()) + ".");
        }
        if (!errors.isEmpty()) {
            throw new SuggestionRequest.Invalid(errors);
        }
        ReplaySet replay = flows.replay(parsed.window().from(), parsed.window().to(), List.of(namespace), state);
        if (replay.flows().size() > properties.maxFlows()) {
            throw new SuggestionRequest.Invalid(Map.of(
                    "from",
                    "The window holds " + replay.flows().size() + " distinct flows of " + namespace
                            + ", more than the " + properties.maxFlows() + " a suggestion reads: choose a shorter"
                            + " window."));
        }
        List<Observation> observations =
                replay.flows().stream().map(Suggestions::observation).toList();
        Recommendation r = Recommender.recommend(compiled(decoded), observations, settings);
        Set<String> confidential = new TreeSet<>();
        if (!user.isAdmin()) {
            for (Tier t : state.tiers()) {
                if (governance.settings(t.name()).confidential()) {
                    confidential.add(t.name());
                }
            }
        }
        return new Suggestion(
                namespace,
                r,
                parsed.window(),
                replay.unmapped().size(),
                unmappedReasons(replay),
                tiers,
                workloads(namespace, state),
                access.mayWrite(user, namespace),
                confidential);
    }

    /**
     * Saves the suggested policy named {@code policy} (every suggested policy when {@code null}) as new drafts, all or
     * none: each goes through the drafts' own checks (tier governance, ownership, guardrails) and audit. The
     * suggestion is worked out again from the same request, so that what is saved is what the server proves.
     *
     * @throws dev.tierdeck.policy.PolicyRejectedException when a draft has a blocking problem; nothing is saved
     * @throws dev.tierdeck.policy.PolicyConflictException when a name was taken meanwhile; nothing is saved
     */
    @Transactional
    List<PolicyDraft> saveAsDrafts(
            CurrentUser user, String namespace, SuggestionRequest request, @Nullable String policy)
            throws SuggestionRequest.Invalid {
        access.requireMayWrite(user, namespace);
        Suggestion s = suggest(user, namespace, request);
        List<CalicoPolicy> chosen = s.recommendation().policies().stream()
                .map(Recommendation.SuggestedPolicy::policy)
                .filter(p -> policy == null || p.name().equals(policy))
                .toList();
        if (chosen.isEmpty()) {
            throw new SuggestionRequest.Invalid(Map.of(
                    "policy",
                    policy == null
                            ? "The suggestion holds no policy: the namespace runs no pods."
                            : "The suggestion holds no policy named " + policy + " any more; look at it again."));
        }
        List<PolicyDraft> saved = new ArrayList<>();
        for (CalicoPolicy p : chosen) {
            saved.add(drafts.save(user, p, null));
        }
        return saved;
    }

    private CompiledCluster compiled(Manifests decoded) {
        Compiled c = compiled.get();
        if (c == null || c.source() != decoded) {
            c = new Compiled(decoded, Engine.compile(decoded.state()));
            compiled.set(c);
        }
        return c.cluster();
    }

    /** The tier asked for, when developers may write there; else {@code default} if they may, else the first. */
    private static String tier(SuggestionRequest request, List<String> tiers) throws SuggestionRequest.Invalid {
        if (tiers.isEmpty()) {
            throw new SuggestionRequest.Invalid(
                    Map.of("tier", "No tier is open to developers; an admin marks one in the console."));
        }
        String asked = request.tier() == null ? "" : request.tier().strip();
        if (!asked.isEmpty()) {
            if (!tiers.contains(asked)) {
                throw new SuggestionRequest.Invalid(Map.of(
                        "tier", "Developers write in " + String.join(", ", tiers) + ", not in tier " + asked + "."));
            }
            return asked;
        }
        return tiers.contains(Tier.DEFAULT) ? Tier.DEFAULT : tiers.getFirst();
    }

    /** The namespaces of the teams that own this one: traffic with them is the team's own business. */
    private Set<String> usualNamespaces(String namespace, ClusterState state) {
        List<String> all = state.namespaces().stream().map(Namespace::name).toList();
        Set<String> out = new TreeSet<>();
        for (Team t : teams.owning(namespace)) {
            out.addAll(t.namespacesAmong(all));
        }
        return out;
    }

    private Set<String> draftNames(String namespace) {
        Set<String> out = new TreeSet<>();
        drafts.list(namespace).forEach(d -> out.add(d.ref().name()));
        return out;
    }

    private static List<String> workloads(String namespace, ClusterState state) {
        Set<String> out = new TreeSet<>();
        for (Pod p : state.pods()) {
            if (p.namespace().equals(namespace)) {
                out.add(p.workload().substring(namespace.length() + 1));
            }
        }
        return List.copyOf(out);
    }

    /** One replayed flow as evidence: connections by the busier end (at least one), times, reported names. */
    static Observation observation(ReplayFlow replayed) {
        long bySource = 0;
        long byDestination = 0;
        Instant first = null;
        Instant last = null;
        for (FlowRecord r : replayed.observed()) {
            if (r.reporter() == Reporter.Src) {
                bySource += r.counts().connectionsStarted();
            } else {
                byDestination += r.counts().connectionsStarted();
            }
            first = first == null || r.start().isBefore(first) ? r.start() : first;
            last = last == null || r.end().isAfter(last) ? r.end() : last;
        }
        FlowRecord any = replayed.observed().getFirst();
        return new Observation(
                replayed.flow(),
                Math.max(1, Math.max(bySource, byDestination)),
                first,
                last,
                seen(any.source()),
                seen(any.destination()));
    }

    private static Observation.Seen seen(FlowEndpoint e) {
        Observation.Outside outside = switch (e.type()) {
            case NetworkSet -> new Observation.Outside.NetworkSet(e.namespace(), e.name());
            case Network -> new Observation.Outside.Network(!"pvt".equals(e.name()));
            default -> null;
        };
        return new Observation.Seen(e.displayName(), outside);
    }

    private static List<String> unmappedReasons(ReplaySet replay) {
        List<String> out = new ArrayList<>();
        replay.unmappedByReason().forEach((reason, n) -> {
            String example = replay.unmapped().stream()
                    .filter(u -> u.reason() == reason)
                    .findFirst()
                    .map(ReplaySet.Unmapped::detail)
                    .orElse("");
            out.add(n + (n == 1 ? " flow: " : " flows: ") + words(reason) + " (e.g. " + example + ").");
        });
        return out;
    }

    private static String words(ReplaySet.Reason reason) {
        return switch (reason) {
            case NO_MATCHING_POD -> "no current pod matches the observed workload; it was deleted or relabelled since";
            case NO_NETWORK_SET -> "the observed network set no longer exists or lists no address";
            case HOST_ENDPOINT -> "host endpoints are outside what Tierdeck evaluates";
            case NETWORK_COVERED_BY_NETWORK_SET ->
                "every stand-in address for the outside network lies in a network set";
            case UNKNOWN_PROTOCOL -> "the protocol is not one the engine evaluates";
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
