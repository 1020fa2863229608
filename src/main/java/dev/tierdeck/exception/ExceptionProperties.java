package dev.tierdeck.exception;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code tierdeck.exception}.
 *
 * @param maximumDuration the longest exception anyone may ask for or grant (the security admins' limit)
 * @param minimumDuration the shortest; a minute by default, so that the removal job can keep up
 * @param sweepInterval how often the leader looks for expired exceptions and owed removals; with the default, an
 *     exception granted for one minute is gone from the cluster well within two minutes of its expiry
 * @param remindBefore how long before expiry the requester and the approver are reminded
 * @param impactWindow how much flow history the impact of granting is shown over
 */
@ConfigurationProperties("tierdeck.exception")
record ExceptionProperties(
        @DefaultValue("PT72H") Duration maximumDuration,
        @DefaultValue("PT1M") Duration minimumDuration,
        @DefaultValue("PT30S") Duration sweepInterval,
        @DefaultValue("PT15M") Duration remindBefore,
        @DefaultValue("P7D") Duration impactWindow) {

    ExceptionProperties {
        if (minimumDuration.isNegative() || minimumDuration.isZero()) {
            throw new IllegalArgumentException("tierdeck.exception.minimum-duration must be positive");
        }
        if (maximumDuration.compareTo(minimumDuration) < 0) {
            throw new IllegalArgumentException(
                    "tierdeck.exception.maximum-duration must not be shorter than minimum-duration");
        }
    }
}
