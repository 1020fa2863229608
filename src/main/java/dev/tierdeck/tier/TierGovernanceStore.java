package dev.tierdeck.tier;

import dev.tierdeck.cluster.LockedTierLookup;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.TierFacts;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link TierGovernance}, the facts the permission model reads ({@link TierFacts}) and the cluster's
 * {@link LockedTierLookup}, from table {@code tier_governance}.
 */
@Component
@EnableConfigurationProperties(TierProperties.class)
class TierGovernanceStore implements TierGovernance, TierFacts, LockedTierLookup {

    private final JdbcClient jdbc;
    private final TierProperties properties;

    TierGovernanceStore(JdbcClient jdbc, TierProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public boolean isLocked(String tier) {
        return settings(tier).locked();
    }

    @Override
    public TierFacts.Facts of(String tier) {
        TierSettings settings = settings(tier);
        return new TierFacts.Facts(
                settings.locked(), settings.owners(), settings.developerTier(), settings.confidential());
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> developerTiers() {
        Map<String, TierSettings> recorded = all();
        Set<String> tiers = new TreeSet<>();
        recorded.forEach((name, settings) -> {
            if (settings.developerTier()) {
                tiers.add(name);
            }
        });
        properties.developerTiers().stream()
                .filter(name -> !recorded.containsKey(name))
                .forEach(tiers::add);
        return tiers;
    }

    @Override
    public Set<String> lockedTiers() {
        return new TreeSet<>(jdbc.sql("select tier_name from tier_governance where locked")
                .query(String.class)
                .list());
    }

    @Override
    public Set<String> ownerGroups(String tier) {
        return Set.copyOf(settings(tier).owners());
    }

    @Override
    public TierSettings settings(String tier) {
        return jdbc.sql("select * from tier_governance where tier_name = :name")
                .param("name", tier)
                .query(TierGovernanceStore::settings)
                .optional()
                .orElseGet(() -> unrecorded(tier));
    }

    /** The settings of a tier without a row: unlocked, no owners, a developer tier only when configured. */
    TierSettings unrecorded(String tier) {
        return new TierSettings(false, List.of(), properties.developerTiers().contains(tier), "", false);
    }

    /** Every recorded tier's settings, by name. */
    Map<String, TierSettings> all() {
        Map<String, TierSettings> out = new TreeMap<>();
        jdbc.sql("select * from tier_governance").query((ResultSet rs) -> {
            out.put(rs.getString("tier_name"), settings(rs, 0));
        });
        return out;
    }

    /** Records the settings of a tier (inserting or replacing its row). Runs in the caller's transaction. */
    void save(String tier, TierSettings settings, CurrentUser by) {
        save(tier, settings, GuardrailStore.author(by));
    }

    /** @param author as {@link GuardrailStore#author} writes it */
    void save(String tier, TierSettings settings, String author) {
        jdbc.sql("""
                        insert into tier_governance (tier_name, locked, owner_groups, developer_tier, purpose,
                            confidential, updated_at, updated_by)
                        values (:name, :locked, :owners, :developerTier, :purpose, :confidential, :at, :by)
                        on conflict (tier_name) do update set locked = excluded.locked,
                            owner_groups = excluded.owner_groups, developer_tier = excluded.developer_tier,
                            purpose = excluded.purpose, confidential = excluded.confidential,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .param("name", tier)
                .param("locked", settings.locked())
                .param("owners", settings.owners().toArray(String[]::new))
                .param("developerTier", settings.developerTier())
                .param("purpose", settings.purpose())
                .param("confidential", settings.confidential())
                .param("at", Timestamp.from(Instant.now()))
                .param("by", author)
                .update();
    }

    /** Records settings only for a tier that has none yet; returns whether it did. */
    boolean saveIfAbsent(String tier, TierSettings settings, String by) {
        return jdbc.sql("""
                        insert into tier_governance (tier_name, locked, owner_groups, developer_tier, purpose,
                            confidential, updated_at, updated_by)
                        values (:name, :locked, :owners, :developerTier, :purpose, :confidential, :at, :by)
                        on conflict (tier_name) do nothing""")
                        .param("name", tier)
                        .param("locked", settings.locked())
                        .param("owners", settings.owners().toArray(String[]::new))
                        .param("developerTier", settings.developerTier())
                        .param("purpose", settings.purpose())
                        .param("confidential", settings.confidential())
                        .param("at", Timestamp.from(Instant.now()))
                        .param("by", by)
                        .update()
                > 0;
    }

    void delete(String tier) {
        jdbc.sql("delete from tier_governance where tier_name = :name")
                .param("name", tier)
                .update();
    }

    private static TierSettings settings(ResultSet rs, int row) throws SQLException {
        Array owners = rs.getArray("owner_groups");
        return new TierSettings(
                rs.getBoolean("locked"),
                Arrays.asList((String[]) owners.getArray()),
                rs.getBoolean("developer_tier"),
                rs.getString("purpose"),
                rs.getBoolean("confidential"));
    }
}
