package dev.tierdeck.audit;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A change to record: who did what to which object, why, and what it looked like before and after. Build one
 * with {@link #builder(Actor, String)}; only the actor and the action are required.
 *
 * @param actor who made the change
 * @param action what happened, lowercase and dotted, {@code <kind>.<past tense>}: {@code tier.created},
 *     {@code policy.promoted}, {@code guardrail.updated}, {@code team.mapped}, {@code drift.restored}
 * @param targetKind the kind of object changed, e.g. {@code Tier}, {@code NetworkPolicy}, {@code Team}
 * @param namespace the namespace of the object; null for cluster-wide objects
 * @param targetName the name of the object
 * @param tier the Calico tier the object belongs to (or the tier itself), if any
 * @param reason the comment the person gave for the change
 * @param before the object before the change as YAML; null when it was created
 * @param after the object after the change as YAML; null when it was deleted
 * @param impactJson the impact evidence shown at the time of the change, as a JSON document
 * @param correlationId the id of the request that made the change, to find its log lines
 */
public record AuditEntry(
        Actor actor,
        String action,
        @Nullable String targetKind,
        @Nullable String namespace,
        @Nullable String targetName,
        @Nullable String tier,
        @Nullable String reason,
        @Nullable String before,
        @Nullable String after,
        @Nullable String impactJson,
        @Nullable String correlationId) {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

    /** @throws IllegalArgumentException naming the field that is missing, too long or malformed */
    public AuditEntry {
        if (actor == null) {
            throw new IllegalArgumentException("audit actor is required");
        }
        action = AuditText.required("action", action, AuditText.NAME_LIMIT);
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action '" + action
                    + "' must be lowercase words joined by dots, like tier.created or policy.promoted");
        }
        targetKind = AuditText.optional("target kind", targetKind, AuditText.NAME_LIMIT);
        namespace = AuditText.optional("namespace", namespace, AuditText.NAME_LIMIT);
        targetName = AuditText.optional("target name", targetName, AuditText.NAME_LIMIT);
        tier = AuditText.optional("tier", tier, AuditText.NAME_LIMIT);
        reason = AuditText.optional("reason", reason, AuditText.REASON_LIMIT);
        before = AuditText.optional("before", before, AuditText.DOCUMENT_LIMIT);
        after = AuditText.optional("after", after, AuditText.DOCUMENT_LIMIT);
        impactJson = AuditText.optional("impact evidence", impactJson, AuditText.DOCUMENT_LIMIT);
        correlationId = AuditText.optional("correlation id", correlationId, AuditText.NAME_LIMIT);
    }

    public static Builder builder(Actor actor, String action) {
        return new Builder(actor, action);
    }

    /** Collects the optional parts of an entry; {@link #build()} checks them all. */
    public static final class Builder {
        private final Actor actor;
        private final String action;
        private @Nullable String targetKind;
        private @Nullable String namespace;
        private @Nullable String targetName;
        private @Nullable String tier;
        private @Nullable String reason;
        private @Nullable String before;
        private @Nullable String after;
        private @Nullable String impactJson;
        private @Nullable String correlationId;

        private Builder(Actor actor, String action) {
            this.actor = actor;
            this.action = action;
        }

        /** The object changed: its kind, its namespace (null when cluster-wide) and its name. */
        public Builder target(String kind, @Nullable String namespace, String name) {
            this.targetKind = kind;
            this.namespace = namespace;
            this.targetName = name;
            return this;
        }

        public Builder tier(@Nullable String tier) {
            this.tier = tier;
            return this;
        }

        public Builder reason(@Nullable String reason) {
            this.reason = reason;
            return this;
        }

        /** The object's YAML before and after the change; null for the side that does not exist. */
        public Builder change(@Nullable String before, @Nullable String after) {
            this.before = before;
            this.after = after;
            return this;
        }

        /** The impact evidence shown to the person, as JSON (any document: an object, an array). */
        public Builder impactJson(@Nullable String impactJson) {
            this.impactJson = impactJson;
            return this;
        }

        public Builder correlationId(@Nullable String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(
                    actor,
                    action,
                    targetKind,
                    namespace,
                    targetName,
                    tier,
                    reason,
                    before,
                    after,
                    impactJson,
                    correlationId);
        }
    }
}
