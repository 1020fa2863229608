package dev.tierdeck.tenancy;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tenancy settings. The teams live in PostgreSQL; {@code teams} and {@code approverGroups} seed them once, on the
 * first start with an empty team table, and are ignored after that.
 *
 * @param teamGroupPrefix the prefix of a team's default member group ({@code team-payments} for team
 *     {@code payments})
 * @param teams team name to the namespace patterns it owns
 * @param approverGroups team name to the groups that approve guardrail-flagged changes in its namespaces
 */
@ConfigurationProperties("tierdeck.tenancy")
record TenancyProperties(
        @DefaultValue("team-") String teamGroupPrefix,
        @DefaultValue Map<String, List<String>> teams,
        @DefaultValue Map<String, List<String>> approverGroups) {}
