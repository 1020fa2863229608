package dev.tierdeck.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings ({@code tierdeck.audit}).
 *
 * @param pageSize records per page on the audit screen and in {@code GET /api/v1/audit}
 */
@ConfigurationProperties("tierdeck.audit")
record AuditProperties(@DefaultValue("50") int pageSize) {

    AuditProperties {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("tierdeck.audit.page-size must be between 1 and 1000, got " + pageSize);
        }
    }
}
