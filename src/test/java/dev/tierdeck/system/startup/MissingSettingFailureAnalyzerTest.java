package dev.tierdeck.system.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.system.MissingSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MissingSettingFailureAnalyzerTest {

    private final MissingSettingFailureAnalyzer analyzer = new MissingSettingFailureAnalyzer();

    @Test
    void describesTheMissingSettingInOneLineHoweverDeeplyItIsWrapped() {
        var missing = new MissingSettingException(
                "TIERDECK_IDENTITY_CLIENT_SECRET (tierdeck.identity.client-secret)",
                "TIERDECK_IDENTITY_ISSUER_URI is set, so the portal signs in at that issuer and needs its client secret");
        var wrapped = new BeanCreationException(
                "identityConfiguration", "Error creating bean", new IllegalStateException("binding", missing));

        FailureAnalysis analysis = analyzer.analyze(wrapped);

        assertThat(analysis.getDescription())
                .isEqualTo("Missing setting TIERDECK_IDENTITY_CLIENT_SECRET (tierdeck.identity.client-secret):"
                        + " TIERDECK_IDENTITY_ISSUER_URI is set, so the portal signs in at that issuer and needs its"
                        + " client secret")
                .doesNotContain("\n");
        assertThat(analysis.getAction())
                .isEqualTo("Set TIERDECK_IDENTITY_CLIENT_SECRET (tierdeck.identity.client-secret) and start Tierdeck"
                        + " again.");
    }

    @Test
    void leavesOtherFailuresToOtherAnalyzers() {
        assertThat(analyzer.analyze(new IllegalStateException("something else")))
                .isNull();
    }
}
