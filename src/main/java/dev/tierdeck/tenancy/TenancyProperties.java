package dev.tierdeck.tenancy;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Team ownership of namespaces as configured in {@code application.yaml}.
 *
 * @param teamGroupPrefix the prefix that marks a group as a team ({@code team-payments} is team {@code payments})
 * @param teams team name to the namespaces it owns
 */
@ConfigurationProperties("tierdeck.tenancy")
record TenancyProperties(
        @DefaultValue("team-") String teamGroupPrefix,
        @DefaultValue Map<String, List<String>> teams) {}
