package dev.tierdeck.engine.recommend;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to suggest. {@link #of} gives the defaults; the {@code with...} methods change one setting each.
 *
 * @param namespace the namespace whose workloads get policies
 * @param workload one workload of it (its name without replica-set or pod hashes), or {@code null} for all
 * @param level how far peers are generalised
 * @param layout one policy per workload or one per namespace
 * @param directions ingress, egress or both
 * @param tier the developer tier the policies go into
 * @param ipv4Prefix outside IPv4 addresses are grouped into CIDRs no wider than this ({@link Level#STRICT}: /32)
 * @param ipv6Prefix likewise for IPv6 ({@link Level#STRICT}: /128)
 * @param leaveOut ids of observed connections the user does not want allowed ({@link Recommendation.Connection#id})
 * @param usualNamespaces namespaces the owning team usually talks to (its own ones); other peers may be unusual
 * @param takenNames policy names already used in the namespace (drafts, for instance), which the suggestion avoids
 */
public record Settings(
        String namespace,
        @Nullable String workload,
        Level level,
        Layout layout,
        Directions directions,
        String tier,
        int ipv4Prefix,
        int ipv6Prefix,
        Set<String> leaveOut,
        Set<String> usualNamespaces,
        Set<String> takenNames) {

    public static final int DEFAULT_IPV4_PREFIX = 24;
    public static final int DEFAULT_IPV6_PREFIX = 64;

    public Settings {
        leaveOut = Set.copyOf(leaveOut);
        usualNamespaces = Set.copyOf(usualNamespaces);
        takenNames = Set.copyOf(takenNames);
    }

    /** Every workload of {@code namespace}, both directions, workload level and layout, in tier {@code default}. */
    public static Settings of(String namespace) {
        return new Settings(
                namespace,
                null,
                Level.WORKLOAD,
                Layout.WORKLOAD,
                Directions.BOTH,
                "default",
                DEFAULT_IPV4_PREFIX,
                DEFAULT_IPV6_PREFIX,
                Set.of(),
                Set.of(),
                Set.of());
    }

    public Settings withWorkload(@Nullable String w) {
        return new Settings(
                namespace,
                w,
                level,
                layout,
                directions,
                tier,
                ipv4Prefix,
                ipv6Prefix,
                leaveOut,
                usualNamespaces,
                takenNames);
    }

    public Settings withLevel(Level l) {
        return new Settings(
                namespace,
                workload,
                l,
                layout,
                directions,
                tier,
                ipv4Prefix,
                ipv6Prefix,
                leaveOut,
                usualNamespaces,
                takenNames);
    }

    public Settings withLayout(Layout l) {
        return new Settings(
                namespace,
                workload,
                level,
                l,
                directions,
                tier,
                ipv4Prefix,
                ipv6Prefix,
                leaveOut,
                usualNamespaces,
                takenNames);
    }

    public Settings withDirections(Directions d) {
        return new Settings(
                namespace,
                workload,
                level,
                layout,
                d,
                tier,
                ipv4Prefix,
                ipv6Prefix,
                leaveOut,
                usualNamespaces,
                takenNames);
    }

    public Settings withTier(String t) {
        return new Settings(
                namespace,
                workload,
                level,
                layout,
                directions,
                t,
                ipv4Prefix,
                ipv6Prefix,
                leaveOut,
                usualNamespaces,
                takenNames);
    }

    public Settings withPrefixes(int v4, int v6) {
        return new Settings(
                namespace, workload, level, layout, directions, tier, v4, v6, leaveOut, usualNamespaces, takenNames);
    }

    public Settings withLeaveOut(Set<String> ids) {
        return new Settings(
                namespace,
                workload,
                level,
                layout,
                directions,
                tier,
                ipv4Prefix,
                ipv6Prefix,
                ids,
                usualNamespaces,
                takenNames);
    }

    public Settings withUsualNamespaces(Set<String> namespaces) {
        return new Settings(
                namespace,
                workload,
                level,
                layout,
                directions,
                tier,
                ipv4Prefix,
                ipv6Prefix,
                leaveOut,
                namespaces,
                takenNames);
    }

    public Settings withTakenNames(Set<String> names) {
        return new Settings(
                namespace,
                workload,
                level,
                layout,
                directions,
                tier,
                ipv4Prefix,
                ipv6Prefix,
                leaveOut,
                usualNamespaces,
                names);
    }

    /** The CIDR width in effect for {@code level}: the host prefix at {@link Level#STRICT}. */
    int prefix(Level l, boolean v6) {
        if (l == Level.STRICT) {
            return v6 ? 128 : 32;
        }
        return v6 ? ipv6Prefix : ipv4Prefix;
    }
}
