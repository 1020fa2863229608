package dev.tierdeck.verification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the check after promotion ({@code tierdeck.verification}).
 *
 * @param watchFor how long after a promotion the flows it denies are compared with its prediction
 * @param checkInterval how often the leader compares them
 */
@ConfigurationProperties("tierdeck.verification")
record VerificationProperties(
        @DefaultValue("24h") Duration watchFor,
        @DefaultValue("30s") Duration checkInterval) {}
