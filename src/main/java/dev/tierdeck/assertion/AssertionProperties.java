package dev.tierdeck.assertion;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of connectivity assertions ({@code tierdeck.assertion.*}).
 *
 * @param maxPerScope the most assertions the global scope, or one namespace, may hold
 * @param maxTotal the most assertions the portal holds altogether: every one is checked against every draft
 * @param maxDefinition the longest definition of one assertion, in characters (as YAML)
 * @param observedWindow how far back observed flows are judged against the assertions
 * @param maxObservedFlows the most distinct stored flows one judgement reads; beyond it the newest are judged
 * @param examples how many contradicting flows are kept per assertion as examples
 */
@ConfigurationProperties("tierdeck.assertion")
record AssertionProperties(
        @DefaultValue("200") int maxPerScope,
        @DefaultValue("2000") int maxTotal,
        @DefaultValue("16384") int maxDefinition,
        @DefaultValue("1h") Duration observedWindow,
        @DefaultValue("50000") int maxObservedFlows,
        @DefaultValue("5") int examples) {

    /** The longest request body the API reads: an assertions file as long as the command line accepts. */
    static final int MAX_BODY = 4 * 1024 * 1024;
}
