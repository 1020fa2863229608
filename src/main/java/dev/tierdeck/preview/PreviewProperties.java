package dev.tierdeck.preview;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the impact preview ({@code tierdeck.preview.*}).
 *
 * @param thinHistoryFlows below this many distinct flows in the window the history may be thin: the preview
 *     still runs, but says plainly that an empty result proves little
 * @param thinHistoryConnections and below this many connections it is: a few flows that carry many connections are
 *     traffic seen again and again, not a thin history
 * @param maxWindow the longest window a preview replays (longer windows are refused with a message)
 * @param maxChanges the most groups of changed flows a preview lists, most frequent first; its totals count all
 */
@ConfigurationProperties("tierdeck.preview")
record PreviewProperties(
        @DefaultValue("20") int thinHistoryFlows,
        @DefaultValue("1000") long thinHistoryConnections,
        @DefaultValue("14d") Duration maxWindow,
        @DefaultValue("500") int maxChanges) {}
