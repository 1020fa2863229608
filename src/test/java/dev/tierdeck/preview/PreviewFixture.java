package dev.tierdeck.preview;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterStatus;
import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowPage;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.FixedTeams;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.TierFacts;
import dev.tierdeck.tier.TierGovernance;
import dev.tierdeck.tier.TierSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The preview's world without Spring: the cluster of {@code preview/cluster.yaml}, an in-memory flow history and
 * the security tier's governance.
 */
final class PreviewFixture {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));

    static final String WEB = "web-6c7d8e9f1-*";
    static final String API = "api-7d9f8c6b5-*";

    private PreviewFixture() {}

    static String resource(String name) {
        try (InputStream in = PreviewFixture.class.getResourceAsStream("/preview/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests cluster() {
        return ManifestReader.read("cluster.yaml", resource("cluster.yaml"));
    }

    static Change change() {
        return Change.of(
                ManifestReader.read("change.yaml", resource("change.yaml")).objects());
    }

    /**
     * The last hour: the web shop calls the API on 8080 (both ends report it) and 8443, the catalog calls the API on
     * 8080 (refused today) and the web shop, the web shop calls out to the internet, and a workload that is gone
     * called the API.
     */
    static List<FlowRecord> history() {
        return history(HOUR_AGO.plusSeconds(60));
    }

    /** {@link #history()} observed at {@code at}. */
    static List<FlowRecord> history(Instant at) {
        return List.of(
                record(at, "checkout", WEB, "web", "payments", API, "api", 8080, Reporter.Src, FlowAction.Allow, 5),
                record(at, "checkout", WEB, "web", "payments", API, "api", 8080, Reporter.Dst, FlowAction.Allow, 4),
                record(
                        at,
                        "catalog",
                        "search-*",
                        "search",
                        "payments",
                        API,
                        "api",
                        8080,
                        Reporter.Dst,
                        FlowAction.Deny,
                        2),
                record(at, "checkout", WEB, "web", "payments", API, "api", 8443, Reporter.Dst, FlowAction.Deny, 1),
                new FlowRecord(
                        at,
                        at.plusSeconds(15),
                        FlowEndpoint.workload("checkout", WEB, Map.of("app", "web")),
                        FlowEndpoint.publicNetwork(),
                        "TCP",
                        443,
                        Reporter.Src,
                        FlowAction.Allow,
                        List.of(),
                        List.of(),
                        counts(3)),
                record(
                        at,
                        "catalog",
                        "search-*",
                        "search",
                        "checkout",
                        WEB,
                        "web",
                        80,
                        Reporter.Src,
                        FlowAction.Allow,
                        1),
                record(
                        at,
                        "checkout",
                        "gone-5f4e3d2c1-*",
                        "gone",
                        "payments",
                        API,
                        "api",
                        8080,
                        Reporter.Src,
                        FlowAction.Allow,
                        7));
    }

    static FlowRecord record(
            String srcNs,
            String src,
            String srcApp,
            String dstNs,
            String dst,
            String dstApp,
            int port,
            Reporter reporter,
            FlowAction action,
            long connections) {
        return record(
                HOUR_AGO.plusSeconds(60), srcNs, src, srcApp, dstNs, dst, dstApp, port, reporter, action, connections);
    }

    static FlowRecord record(
            Instant at,
            String srcNs,
            String src,
            String srcApp,
            String dstNs,
            String dst,
            String dstApp,
            int port,
            Reporter reporter,
            FlowAction action,
            long connections) {
        return new FlowRecord(
                at,
                at.plusSeconds(15),
                FlowEndpoint.workload(srcNs, src, Map.of("app", srcApp)),
                FlowEndpoint.workload(dstNs, dst, Map.of("app", dstApp)),
                "TCP",
                port,
                reporter,
                action,
                List.of(),
                List.of(),
                counts(connections));
    }

    static FlowCounts counts(long connections) {
        return new FlowCounts(connections * 10, connections * 8, 1000, 800, connections, connections, 0);
    }

    /** The demo's teams: payments owns payments and checkout, catalog owns catalog. */
    static final List<Team> TEAMS = List.of(
            new Team("catalog", "", List.of("team-catalog"), List.of("catalog"), List.of()),
            new Team("payments", "", List.of("team-payments"), List.of("payments", "checkout"), List.of()));

    /** What a platform admin may learn about the fixture's policies: everything. */
    static final PolicyDisclosure ADMIN = FixedTeams.permissions(TEAMS, new Governance())
            .disclosureTo(new CurrentUser(
                    "http://issuer",
                    "admin",
                    "admin",
                    "Ada Admin",
                    java.util.Set.of(dev.tierdeck.identity.Role.PLATFORM_ADMIN),
                    java.util.Set.of("tierdeck-platform-admins")));

    static ReplayedImpactPreviews previews(List<FlowRecord> history) {
        return previews(history, 500);
    }

    static ReplayedImpactPreviews previews(List<FlowRecord> history, int maxChanges) {
        return new ReplayedImpactPreviews(
                new FixedCluster(cluster()),
                new MemoryFlowStore(history),
                new Governance(),
                FixedTeams.permissions(TEAMS, new Governance()),
                new PreviewProperties(20, 1000, Duration.ofDays(14), maxChanges),
                new dev.tierdeck.system.HeavyWork(
                        new dev.tierdeck.system.HeavyWork.Settings(1, 4, Duration.ofSeconds(5))));
    }

    /** The cluster of a manifest file, as the watch cache would decode it. */
    record FixedCluster(Manifests manifests) implements ClusterReader {
        @Override
        public ClusterStatus status() {
            throw new UnsupportedOperationException("the preview reads the decoded state only");
        }

        @Override
        public ClusterSnapshot snapshot() {
            throw new UnsupportedOperationException("the preview reads the decoded state only");
        }

        @Override
        public Manifests decoded() {
            return manifests;
        }
    }

    /** Stored flows whose span overlaps the window and that touch one of the namespaces. */
    record MemoryFlowStore(List<FlowRecord> flows) implements FlowStore {
        @Override
        public int ingest(Collection<FlowRecord> batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FlowPage query(FlowFilter filter, int page, int pageSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FlowRecord> distinctFlows(Instant from, Instant to, @Nullable Collection<String> namespaces) {
            return flows.stream()
                    .filter(f -> f.end().isAfter(from) && f.start().isBefore(to))
                    .filter(f -> namespaces == null
                            || namespaces.stream()
                                    .anyMatch(ns -> ns.equals(f.source().namespace())
                                            || ns.equals(f.destination().namespace())))
                    .toList();
        }
    }

    /** The security tier is locked and owned by the security admins; every other tier is unconfigured. */
    static final class Governance implements TierGovernance, TierFacts {
        @Override
        public boolean isLocked(String tier) {
            return settings(tier).locked();
        }

        @Override
        public TierFacts.Facts of(String tier) {
            TierSettings s = settings(tier);
            return new TierFacts.Facts(s.locked(), s.owners(), s.developerTier(), s.confidential());
        }

        @Override
        public Set<String> developerTiers() {
            return Set.of("default");
        }

        @Override
        public TierSettings settings(String tier) {
            return tier.equals("security")
                    ? new TierSettings(
                            true, List.of("tierdeck-security-admins"), false, "Organisation-wide security rules", false)
                    : new TierSettings(false, List.of(), tier.equals("default"), "", false);
        }
    }
}
