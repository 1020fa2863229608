package dev.tierdeck.exception;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.text.TextInput;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tier.TierGovernance;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asking for an exception: the flow must be one the caller may ask about (an end in one of their teams'
 * namespaces), denied today in a tier they may not change; the request names that tier and its owners, and the
 * denying policy only where the caller may read it. Stored with its audit record in one transaction.
 */
@Service
class ExceptionRequests {

    static final int REASON_LIMIT = 2000;
    static final int FLOW_LIMIT = 3900;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClusterReader cluster;
    private final Permissions permissions;
    private final TierGovernance governance;
    private final ExceptionStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final ExceptionProperties properties;
    private final Clock clock;

    ExceptionRequests(
            ClusterReader cluster,
            Permissions permissions,
            TierGovernance governance,
            ExceptionStore store,
            AuditLog audit,
            TransactionTemplate transaction,
            ExceptionProperties properties,
            ExceptionClock clock) {
        this.cluster = cluster;
        this.permissions = permissions;
        this.governance = governance;
        this.store = store;
        this.audit = audit;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock.clock();
    }

    /**
     * @param flowJson one flow as {@code POST /api/v1/explain} takes it ({@code id} may be left out)
     * @param duration ISO-8601, e.g. {@code PT2H}
     * @throws ExceptionProblem naming the field at fault
     * @throws org.springframework.security.access.AccessDeniedException when the caller may not ask about the flow
     */
    PolicyException request(
            CurrentUser user,
            @Nullable String flowJson,
            @Nullable String reason,
            @Nullable String duration,
            ExceptionScope scope) {
        String why = reason(reason);
        Duration length = duration(duration, "duration");
        String asked = normalized(flowJson);
        Flow flow = flow(asked);
        Resource.Flow ends = Resource.flow(namespace(flow.source()), namespace(flow.destination()));
        permissions.require(user, Action.REQUEST_EXCEPTION, ends);
        String namespace = requestingNamespace(user, ends);

        CompiledCluster compiled = cluster.compiled();
        for (String side : List.of("source", "destination")) {
            FlowEndpoint end = side.equals("source") ? flow.source() : flow.destination();
            if (end instanceof FlowEndpoint.PodRef p && !compiled.hasPod(p.namespace(), p.name())) {
                throw ExceptionProblem.invalid("flow." + side, "There is no pod " + p + " in the cluster.");
            }
        }
        List<DenialFinder.Denial> denials =
                DenialFinder.denials(compiled.evaluate(flow).enforced());
        if (denials.isEmpty()) {
            throw ExceptionProblem.invalid("flow", "The cluster allows this flow already; it needs no exception.");
        }
        List<DenialFinder.Denial> theirs = DenialFinder.inFirstTierNotChangeable(
                denials,
                tier -> permissions
                        .decide(user, Action.EDIT, Resource.policy(namespace, tier))
                        .allowed());
        if (theirs.isEmpty()) {
            String tiers = denials.stream().map(d -> d.hit().tier()).distinct().collect(Collectors.joining(", "));
            throw ExceptionProblem.invalid(
                    "flow",
                    "The flow is denied in tier " + tiers + ", where you may change policies yourself: change your"
                            + " policy instead of asking for an exception.");
        }
        String tier = theirs.getFirst().hit().tier();
        PolicyDisclosure disclosure = permissions.disclosureTo(user);
        String deniedBy = theirs.stream()
                .map(d -> d.direction() + ": " + step(d.hit(), disclosure))
                .collect(Collectors.joining("; "));
        ExceptionTarget target = ExceptionTarget.of(flow, compiled.state());
        PolicyException request = PolicyException.requested(
                namespace,
                asked,
                target,
                scope,
                tier,
                governance.settings(tier).owners(),
                deniedBy,
                why,
                length,
                person(user),
                clock.instant());
        return transaction.execute(status -> {
            PolicyException stored = store.insert(request);
            audit.record(ExceptionAudit.entry(
                    Actor.of(user),
                    "requested",
                    stored,
                    why + " (for " + words(length) + "; denied by " + deniedBy + ")",
                    null,
                    null,
                    null));
            return stored;
        });
    }

    static PolicyException.Person person(CurrentUser user) {
        return new PolicyException.Person(
                user.issuer().isBlank() ? "unknown" : user.issuer(),
                user.subject(),
                user.username(),
                user.displayName());
    }

    /** The end the caller asks for: the first in one of their teams' namespaces (an admin's: the first pod's). */
    private String requestingNamespace(CurrentUser user, Resource.Flow ends) {
        for (String ns : new String[] {ends.source(), ends.destination()}) {
            if (ns != null && permissions.allows(user, Action.REQUEST_EXCEPTION, Resource.namespace(ns))) {
                return ns;
            }
        }
        throw ExceptionProblem.invalid(
                "flow", "Neither end of the flow is a pod of a namespace you may ask exceptions for.");
    }

    private static String step(PolicyHit hit, PolicyDisclosure disclosure) {
        if (PolicyHit.END_OF_TIER.equals(hit.kind())) {
            return "the end of tier " + hit.tier() + " (no policy of it let the flow through)";
        }
        if (disclosure.shows(hit.namespace(), hit.tier())) {
            return hit.kind() + " " + (hit.namespace() == null ? "" : hit.namespace() + "/") + hit.name() + " in tier "
                    + hit.tier();
        }
        return "a policy of tier " + hit.tier() + " (owned by " + disclosure.owner(hit.namespace(), hit.tier()) + ")";
    }

    String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw ExceptionProblem.invalid("reason", "Say why the flow is needed: the reason is required.");
        }
        String problem = TextInput.problem(reason, TextInput.Kind.TEXT, REASON_LIMIT);
        if (problem != null) {
            throw ExceptionProblem.invalid("reason", "The reason " + problem + ".");
        }
        return reason.strip();
    }

    /** A duration within the configured limits. */
    Duration duration(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            throw ExceptionProblem.invalid(field, "The duration is required, as ISO-8601 like PT2H (two hours).");
        }
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ExceptionProblem.invalid(
                    field, "\"" + shorten(text) + "\" is not a duration: write ISO-8601 like PT2H (two hours).");
        }
        if (d.compareTo(properties.minimumDuration()) < 0) {
            throw ExceptionProblem.invalid(
                    field, "An exception lasts at least " + words(properties.minimumDuration()) + ".");
        }
        if (d.compareTo(properties.maximumDuration()) > 0) {
            throw ExceptionProblem.invalid(
                    field,
                    "An exception lasts at most " + words(properties.maximumDuration())
                            + ", the limit the security admins set.");
        }
        return d;
    }

    /** The flow as one line of JSON, with an {@code id} when it came without one (the flow reader needs one). */
    private static String normalized(@Nullable String json) {
        if (json == null || json.isBlank()) {
            throw new ExceptionProblem(
                    ExceptionProblem.Kind.BAD_REQUEST, "The flow is required, in the shape explain takes.", "flow");
        }
        if (json.length() > FLOW_LIMIT) {
            throw new ExceptionProblem(
                    ExceptionProblem.Kind.BAD_REQUEST,
                    "The flow is " + json.length() + " characters long; at most " + FLOW_LIMIT + " are allowed.",
                    "flow");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ExceptionProblem(
                    ExceptionProblem.Kind.BAD_REQUEST, "The flow is not valid JSON: " + e.getOriginalMessage(), "flow");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ExceptionProblem(ExceptionProblem.Kind.BAD_REQUEST, "The flow must be a JSON object.", "flow");
        }
        if (!object.has("id")) {
            object.put("id", "exception");
        }
        return JSON.writeValueAsString(object);
    }

    private static Flow flow(String json) {
        FlowReader.Result read = FlowReader.read("flow", json);
        if (!read.problems().isEmpty() || read.flows().size() != 1) {
            String problems = read.problems().stream()
                    .map(p -> p.field().isEmpty() ? p.message() : "flow." + p.field() + ": " + p.message())
                    .collect(Collectors.joining("; "));
            String field = read.problems().isEmpty()
                            || read.problems().getFirst().field().isEmpty()
                    ? "flow"
                    : "flow." + read.problems().getFirst().field();
            throw new ExceptionProblem(
                    ExceptionProblem.Kind.BAD_REQUEST,
                    problems.isEmpty() ? "The flow must be one flow." : problems,
                    field);
        }
        return read.flows().getFirst();
    }

    private static @Nullable String namespace(FlowEndpoint end) {
        return end instanceof FlowEndpoint.PodRef p ? p.namespace() : null;
    }

    static String words(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            long h = d.toHours();
            return h == 1 ? "1 hour" : h + " hours";
        }
        if (d.toSeconds() % 60 == 0) {
            long m = d.toMinutes();
            return m == 1 ? "1 minute" : m + " minutes";
        }
        return d.toSeconds() + " seconds";
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
