package dev.tierdeck.tier;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tierdeck.tier.*}.
 *
 * @param developerTiers the tiers developers write in until an admin says otherwise for a tier
 * @param initial governance recorded at start-up for tiers that have none yet (e.g. the demo's locked tiers)
 */
@ConfigurationProperties("tierdeck.tier")
record TierProperties(
        @DefaultValue("default") List<String> developerTiers,
        @DefaultValue Map<String, Initial> initial) {

    /** Settings a tier starts with; see {@link TierSettings}. */
    record Initial(
            boolean locked,
            @DefaultValue List<String> owners,
            boolean developerTier,
            @DefaultValue("") String purpose,
            boolean confidential) {

        TierSettings settings() {
            return new TierSettings(locked, owners, developerTier, purpose, confidential);
        }
    }
}
