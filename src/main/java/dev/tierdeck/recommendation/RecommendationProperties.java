package dev.tierdeck.recommendation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of suggestions ({@code tierdeck.recommendation.*}).
 *
 * @param defaultWindow how far back a suggestion looks when no times are given: long enough for daily and weekly
 *     patterns where the history reaches that far
 * @param maxWindow the longest window a suggestion reads
 * @param maxFlows the most distinct stored flows one suggestion reads; a window holding more is refused with a message
 */
@ConfigurationProperties("tierdeck.recommendation")
record RecommendationProperties(
        @DefaultValue("7d") Duration defaultWindow,
        @DefaultValue("14d") Duration maxWindow,
        @DefaultValue("200000") int maxFlows) {}
