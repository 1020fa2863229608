package dev.tierdeck.exception;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.system.CorrelationId;
import org.jspecify.annotations.Nullable;

/**
 * The audit entries of an exception's life, all on its policy ({@code GlobalNetworkPolicy exception-<id>} in its
 * tier), so that the trail filtered by that name tells the whole story: requested, granted or rejected, revoked,
 * expired, removed.
 */
final class ExceptionAudit {

    static final String PREFIX = "exception.";

    private ExceptionAudit() {}

    static AuditEntry entry(
            Actor actor,
            String verb,
            PolicyException e,
            @Nullable String reason,
            @Nullable String before,
            @Nullable String after,
            @Nullable String impactJson) {
        return AuditEntry.builder(actor, PREFIX + verb)
                .target("GlobalNetworkPolicy", null, ExceptionPolicy.name(e.id()))
                .tier(e.tier())
                .reason(words(e, reason))
                .change(before, after)
                .impactJson(impactJson)
                .correlationId(CorrelationId.current().orElse(null))
                .build();
    }

    /** The reason, preceded by which exception and flow it concerns. */
    private static String words(PolicyException e, @Nullable String reason) {
        String head = "Exception " + e.id() + " (" + e.flowWords() + ", namespace " + e.namespace() + ")";
        String text = reason == null || reason.isBlank() ? head : head + ": " + reason;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    static Actor system() {
        return Actor.system("exception-expiry");
    }
}
