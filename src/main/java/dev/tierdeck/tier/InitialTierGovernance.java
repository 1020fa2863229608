package dev.tierdeck.tier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Records {@code tierdeck.tier.initial} at start-up for tiers that have no governance yet. What an admin changed
 * later is never overwritten, so the settings are a starting point, not a policy.
 */
@Component
class InitialTierGovernance implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialTierGovernance.class);

    private final TierGovernanceStore governance;
    private final TierProperties properties;

    InitialTierGovernance(TierGovernanceStore governance, TierProperties properties) {
        this.governance = governance;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        properties.initial().forEach((tier, initial) -> {
            if (governance.saveIfAbsent(tier, initial.settings(), "Tierdeck configuration")) {
                log.info("Recorded the initial governance of tier {} from tierdeck.tier.initial", tier);
            }
        });
    }
}
