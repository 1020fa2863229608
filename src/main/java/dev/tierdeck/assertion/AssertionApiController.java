package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.AssertionResult;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code /api/v1/assertions}: connectivity assertions, one JSON object each with the fields of an assertions file
 * entry ({@code name, source, destination, protocol, ports, expect}) and its scope ({@code namespace}, absent for a
 * global one); a bulk {@code PUT} of an assertions file for one scope; and the violations of the cluster as it is.
 */
@RestController
@Tag(name = "Assertions")
@ApiResponse(responseCode = "403", description = "The caller may not read or state assertions of that scope")
class AssertionApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String YAML_TYPES = "application/yaml";

    private final Assertions assertions;
    private final ClusterAssertions cluster;
    private final Examples examples;
    private final Permissions permissions;
    private final AssertionProperties properties;

    AssertionApiController(
            Assertions assertions,
            ClusterAssertions cluster,
            Examples examples,
            Permissions permissions,
            AssertionProperties properties) {
        this.assertions = assertions;
        this.cluster = cluster;
        this.examples = examples;
        this.permissions = permissions;
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/assertions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The assertions the caller may read: the global ones and those of their namespaces")
    @ApiResponse(responseCode = "200", description = "The assertions, global ones first")
    List<Map<String, @Nullable Object>> list(CurrentUser user) {
        return assertions.readable(user).stream()
                .map(AssertionApiController::body)
                .toList();
    }

    @GetMapping(path = "/api/v1/assertions/{id:\\d+}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One assertion")
    @ApiResponse(responseCode = "200", description = "The assertion")
    @ApiResponse(responseCode = "404", description = "No such assertion")
    Map<String, @Nullable Object> get(CurrentUser user, @PathVariable long id) {
        return body(assertions.get(user, id));
    }

    @PostMapping(
            path = "/api/v1/assertions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "State an assertion",
            description = "`namespace` absent: a global assertion (platform and security admins). With a namespace:"
                    + " the teams that own it, and the source or the destination must be within it"
                    + " (`namespaceSelector: projectcalico.org/name == 'NS'`). `source` and `destination` take the"
                    + " fields of a Calico rule peer; `expect` is `allow` or `deny`.")
    @ApiResponse(responseCode = "201", description = "Stored (and audited)")
    @ApiResponse(responseCode = "422", description = "Not stored: `fields` names each problem")
    ResponseEntity<Map<String, @Nullable Object>> create(CurrentUser user, @RequestBody String text) {
        JsonNode body = json(text);
        StoredAssertion created =
                assertions.create(user, text(body, "namespace"), AssertionInput.one(body, properties.maxDefinition()));
        return ResponseEntity.created(URI.create("/api/v1/assertions/" + created.id()))
                .body(body(created));
    }

    @PutMapping(
            path = "/api/v1/assertions/{id:\\d+}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Change an assertion",
            description = "The scope stays; `revision`, when given, must be the one read (else 409).")
    @ApiResponse(responseCode = "200", description = "Changed (and audited)")
    @ApiResponse(responseCode = "404", description = "No such assertion")
    @ApiResponse(responseCode = "409", description = "Someone changed it since it was read")
    @ApiResponse(responseCode = "422", description = "Not changed: `fields` names each problem")
    Map<String, @Nullable Object> update(CurrentUser user, @PathVariable long id, @RequestBody String text) {
        JsonNode body = json(text);
        StoredAssertion before = assertions.get(user, id);
        String namespace = text(body, "namespace");
        if (body.has("namespace") && !java.util.Objects.equals(namespace, before.namespace())) {
            throw InvalidAssertionException.of(
                    "namespace", "An assertion keeps its scope (" + before.scope() + "); state a new one instead.");
        }
        JsonNode revision = body.get("revision");
        if (revision != null && !revision.isNull() && !revision.isInt()) {
            throw InvalidAssertionException.of("revision", "must be a whole number");
        }
        Integer expected = revision == null || revision.isNull() ? null : revision.intValue();
        return body(assertions.update(user, id, expected, AssertionInput.one(body, properties.maxDefinition())));
    }

    @DeleteMapping("/api/v1/assertions/{id:\\d+}")
    @Operation(summary = "Remove an assertion")
    @ApiResponse(responseCode = "204", description = "Removed (and audited)")
    @ApiResponse(responseCode = "404", description = "No such assertion")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id) {
        assertions.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping(
            path = "/api/v1/assertions",
            consumes = {YAML_TYPES, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Make one scope hold exactly the assertions of a file",
            description = "The body is the YAML file `tierdeck assert --assertions` reads. Assertions are matched by"
                    + " name: new ones are added, changed ones changed, missing ones removed, each audited; all or"
                    + " nothing.")
    @ApiResponse(responseCode = "200", description = "How many were added, changed, removed and left alone")
    @ApiResponse(responseCode = "422", description = "Nothing changed: `fields` names line, entry and field")
    Map<String, Object> replace(
            CurrentUser user,
            @Parameter(description = "The namespace whose assertions the file holds; global when omitted")
                    @RequestParam(required = false)
                    @Nullable
                    String namespace,
            @RequestBody String text) {
        Assertions.Replaced r =
                assertions.replace(user, namespace, AssertionInput.file(text, properties.maxDefinition()));
        return Map.of("added", r.added(), "changed", r.changed(), "removed", r.removed(), "unchanged", r.unchanged());
    }

    @GetMapping(path = "/api/v1/assertions/violations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The assertions the cluster as it is violates",
            description = "Among the assertions the caller may read: each violated one with an example connection"
                    + " and the tiers, policies and rules that decide it (policies the caller may not read are named"
                    + " by tier and owner only; a connection outside the caller's namespaces is not shown), and those"
                    + " that cover no connection at all.")
    @ApiResponse(
            responseCode = "200",
            description = "`checked` counts the assertions; `violated` and `empty` list them")
    Map<String, Object> violations(CurrentUser user) {
        PolicyDisclosure reader = permissions.disclosureTo(user);
        List<Map<String, @Nullable Object>> violated = new ArrayList<>();
        List<Map<String, @Nullable Object>> empty = new ArrayList<>();
        int checked = 0;
        for (ClusterAssertions.Checked c : cluster.today()) {
            if (!assertions.mayRead(user, c.stored())) {
                continue;
            }
            checked++;
            AssertionResult r = c.result();
            if (r.status() == AssertionResult.Status.VIOLATED) {
                Map<String, @Nullable Object> m = summary(c.stored());
                Examples.View v = examples.view(user, reader, r);
                Map<String, @Nullable Object> example = new LinkedHashMap<>();
                example.put("shown", v.shown());
                if (v.shown()) {
                    example.put("connection", v.pair());
                    example.put("verdict", v.verdict());
                    example.put("trace", v.trace());
                    example.put("decidedBy", v.decidedBy());
                }
                m.put("example", example);
                violated.add(m);
            } else if (r.status() == AssertionResult.Status.EMPTY) {
                Map<String, @Nullable Object> m = summary(c.stored());
                m.put("reason", r.reason());
                empty.add(m);
            }
        }
        return Map.of("checked", checked, "violated", violated, "empty", empty);
    }

    private static Map<String, @Nullable Object> summary(StoredAssertion a) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("namespace", a.namespace());
        m.put("name", a.name());
        m.put("expect", a.assertion().expect().name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** The stored definition's fields, with the scope and revision around them. */
    static Map<String, @Nullable Object> body(StoredAssertion a) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("namespace", a.namespace());
        m.put("scope", a.scope());
        JsonNode definition = YAML.readTree(a.definition());
        for (Map.Entry<String, JsonNode> field : definition.properties()) {
            m.put(field.getKey(), JSON.treeToValue(field.getValue(), Object.class));
        }
        m.put("revision", a.revision());
        m.put("updatedBy", a.updatedBy());
        m.put("updatedAt", a.updatedAt().toString());
        return m;
    }

    private static JsonNode json(String text) {
        if (text.length() > AssertionProperties.MAX_BODY) {
            throw new BadBody("The body is longer than " + AssertionProperties.MAX_BODY + " characters.");
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new BadBody("The body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static @Nullable String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw InvalidAssertionException.of(field, "must be a string, or absent for a global assertion");
        }
        return n.stringValue();
    }

    /** A body that does not parse at all (400, unlike an assertion that reads but is wrong, 422). */
    static final class BadBody extends RuntimeException {
        BadBody(String message) {
            super(message, null, false, false);
        }
    }
}
