package dev.tierdeck.system.startup;

import dev.tierdeck.system.MissingSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports a {@link MissingSettingException} as Spring Boot's start-up failure report: the description is the
 * one line naming the setting, and Boot prints no stack trace for an analysed failure. Ordered first so that a
 * missing setting thrown while binding configuration properties is not reported as a generic binding error.
 */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + cause.setting() + " and start Tierdeck again.", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
