package dev.tierdeck.notification;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configuring webhooks: portal admins only (asked of {@link Permissions}), every input validated with the field named,
 * every change audited in its transaction (the secret never enters the audit trail).
 */
@Component
class Webhooks {

    static final int RECENT = 50;

    private final WebhookStore store;
    private final Permissions permissions;
    private final AuditLog audit;
    private final NotificationProperties properties;
    private final Clock clock = Clock.systemUTC();

    Webhooks(WebhookStore store, Permissions permissions, AuditLog audit, NotificationProperties properties) {
        this.store = store;
        this.permissions = permissions;
        this.audit = audit;
        this.properties = properties;
    }

    List<Webhook> list(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return store.list();
    }

    Webhook get(CurrentUser user, long id) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return store.find(id).orElseThrow(() -> WebhookProblem.notFound(id));
    }

    List<Delivery> deliveries(CurrentUser user, @Nullable Long webhook) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        if (webhook != null) {
            get(user, webhook);
        }
        return store.deliveries(webhook, RECENT);
    }

    @Transactional
    Webhook create(CurrentUser user, WebhookInput input) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        List<WebhookProblem.Field> problems = new ArrayList<>(input.problems(true, properties.allowedHosts()));
        String name = Objects.requireNonNullElse(input.name(), "").trim();
        if (!name.isEmpty() && store.nameTaken(name, null)) {
            problems.add(new WebhookProblem.Field("name", "Another webhook is named " + name + "."));
        }
        if (store.count() >= properties.maxWebhooks()) {
            throw new WebhookProblem(
                    HttpStatus.CONFLICT,
                    "At most " + properties.maxWebhooks() + " webhooks can be configured; delete one first.",
                    List.of());
        }
        if (!problems.isEmpty()) {
            throw WebhookProblem.invalid(problems);
        }
        long id = store.create(
                name,
                Objects.requireNonNull(input.url()).trim(),
                input.formatOrDefault(),
                List.copyOf(Objects.requireNonNull(input.eventTypes())),
                Objects.requireNonNull(input.secret()),
                input.enabledOrDefault(),
                by(user),
                clock.instant());
        Webhook created = store.find(id).orElseThrow();
        record(user, "webhook.created", created, null, describe(created));
        return created;
    }

    @Transactional
    Webhook update(CurrentUser user, long id, WebhookInput input) {
        Webhook before = get(user, id);
        List<WebhookProblem.Field> problems = new ArrayList<>(input.problems(false, properties.allowedHosts()));
        String name = Objects.requireNonNullElse(input.name(), "").trim();
        if (!name.isEmpty() && store.nameTaken(name, id)) {
            problems.add(new WebhookProblem.Field("name", "Another webhook is named " + name + "."));
        }
        if (!problems.isEmpty()) {
            throw WebhookProblem.invalid(problems);
        }
        String secret = input.secret() == null || input.secret().isEmpty() ? null : input.secret();
        store.update(
                id,
                name,
                Objects.requireNonNull(input.url()).trim(),
                input.formatOrDefault(),
                List.copyOf(Objects.requireNonNull(input.eventTypes())),
                secret,
                input.enabledOrDefault(),
                by(user),
                clock.instant());
        Webhook after = store.find(id).orElseThrow();
        record(
                user,
                "webhook.updated",
                after,
                describe(before),
                describe(after) + (secret == null ? "" : "secret: (replaced)\n"));
        return after;
    }

    @Transactional
    void delete(CurrentUser user, long id) {
        Webhook before = get(user, id);
        store.delete(id);
        record(user, "webhook.deleted", before, describe(before), null);
    }

    private void record(
            CurrentUser user, String action, Webhook hook, @Nullable String before, @Nullable String after) {
        audit.record(AuditEntry.builder(Actor.of(user), action)
                .target("Webhook", null, hook.name())
                .change(before, after)
                .correlationId(CorrelationId.current().orElse(null))
                .build());
    }

    /** The webhook as the audit trail keeps it: everything but the secret. */
    private static String describe(Webhook w) {
        return "name: " + w.name() + "\nurl: " + w.url() + "\nformat: " + w.format() + "\nevents: "
                + String.join(", ", w.eventTypes()) + "\nenabled: " + w.enabled() + "\n";
    }

    private static String by(CurrentUser user) {
        return user.displayName() + " (" + user.username() + ")";
    }
}
