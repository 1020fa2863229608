package dev.tierdeck.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a half-configured identity provider into one clear start-up message instead of a stack trace. */
class IdentitySettingMissingFailureAnalyzer extends AbstractFailureAnalyzer<IdentitySettingMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IdentitySettingMissingException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set " + cause.setting() + ", or unset TIERDECK_IDENTITY_ISSUER_URI to use the built-in demo identity"
                        + " provider, and start Tierdeck again.",
                cause);
    }
}
