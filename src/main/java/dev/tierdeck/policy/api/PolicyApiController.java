package dev.tierdeck.policy.api;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.DamagedPolicy;
import dev.tierdeck.policy.DamagedPolicyException;
import dev.tierdeck.policy.PolicyAdvisories;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.policy.api.PolicyResponses.PolicyListItem;
import dev.tierdeck.policy.api.PolicyResponses.PolicyResponse;
import dev.tierdeck.policy.api.PolicyResponses.VersionResponse;
import dev.tierdeck.policy.namespace.NamespaceOverviews;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Decision;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Managed policies for automation, under the same rules as the pages ({@link Permissions}): developers in their teams'
 * namespaces and the developer tiers, admins everywhere (locked tiers by their owners only), viewers read-only; global
 * policies written by admins; confidential tiers read by admins only. A PUT saves a draft; staging and promotion are
 * separate steps.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Policies")
@ApiResponse(responseCode = "403", description = "The namespace is not one of the caller's, or the role may not")
class PolicyApiController {

    static final String YAML = "application/yaml";

    private final PolicyDrafts drafts;
    private final PolicyChecks checks;
    private final Permissions permissions;
    private final NamespaceOverviews namespaces;
    private final PolicyAdvisories advisories;

    PolicyApiController(
            PolicyDrafts drafts,
            PolicyChecks checks,
            Permissions permissions,
            NamespaceOverviews namespaces,
            PolicyAdvisories advisories) {
        this.drafts = drafts;
        this.checks = checks;
        this.permissions = permissions;
        this.namespaces = namespaces;
        this.advisories = advisories;
    }

    @GetMapping("/namespaces/{namespace}/policies")
    @Operation(
            summary = "The policies of a namespace",
            description = "The drafts the portal manages, with their state, followed by the NetworkPolicies and"
                    + " Kubernetes NetworkPolicies in force in the namespace that the portal does not manage"
                    + " (managed: false).")
    List<PolicyListItem> list(CurrentUser user, @PathVariable String namespace) {
        permissions.require(user, Action.READ, Resource.namespace(namespace));
        List<PolicyDraft> managed = drafts.list(namespace);
        Set<String> names = managed.stream().map(d -> d.ref().name()).collect(Collectors.toCollection(HashSet::new));
        // a policy the caller may not read (a confidential tier's) is left out, name and all
        List<PolicyListItem> out = new ArrayList<>(managed.stream()
                .filter(d -> readable(user, namespace, d.tier()))
                .map(PolicyListItem::of)
                .toList());
        for (DamagedPolicy damaged : drafts.damaged(namespace)) {
            names.add(damaged.ref().name());
            if (readable(user, namespace, damaged.tier())) {
                out.add(PolicyListItem.damaged(damaged));
            }
        }
        namespaces.enforced(namespace).stream()
                .filter(p -> !(p.kind().equals("NetworkPolicy") && names.contains(p.name())))
                .filter(p -> readable(user, namespace, p.tier()))
                .map(PolicyListItem::unmanaged)
                .forEach(out::add);
        return out;
    }

    @GetMapping("/namespaces/{namespace}/policies/{name}")
    @Operation(summary = "One managed policy", description = "The ETag header carries the revision.")
    @ApiResponse(responseCode = "404", description = "The portal manages no policy of that name here")
    ResponseEntity<PolicyResponse> get(CurrentUser user, @PathVariable String namespace, @PathVariable String name) {
        permissions.require(user, Action.READ, Resource.namespace(namespace));
        return found(user, PolicyRef.namespaced(namespace, name));
    }

    @PutMapping(
            path = "/namespaces/{namespace}/policies/{name}",
            consumes = {"application/json", YAML, "application/x-yaml", "text/yaml"})
    @Operation(
            summary = "Save a NetworkPolicy as a draft",
            description = "Takes a Calico NetworkPolicy (projectcalico.org/v3) as JSON or YAML. Without If-Match the"
                    + " name must be free; with it, the draft must still be at that revision. Saving content equal to"
                    + " the draft changes nothing. Problems that need an approver come back as warnings. A policy"
                    + " in force that Tierdeck does not manage yet is taken over (adopted) only with a reason.")
    @ApiResponse(responseCode = "200", description = "Saved over the existing draft")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "The draft changed since that revision, or the name is taken")
    @ApiResponse(responseCode = "422", description = "Problems, each with its field, under 'errors'")
    ResponseEntity<PolicyResponse> put(
            CurrentUser user,
            @PathVariable String namespace,
            @PathVariable String name,
            @Parameter(description = "The revision the change is based on; leave out to create")
                    @RequestHeader(name = "If-Match", required = false)
                    @Nullable
                    String ifMatch,
            @Parameter(description = "Why Tierdeck takes over a policy in force it does not manage yet (adoption)")
                    @RequestParam(name = "reason", required = false)
                    @Nullable
                    String reason,
            @RequestBody(description = "A Calico NetworkPolicy")
                    @org.springframework.web.bind.annotation.RequestBody(required = false)
                    @Nullable
                    String body) {
        permissions.require(user, Action.EDIT, Resource.namespace(namespace));
        return save(user, ifMatch, reason, PolicyRef.namespaced(namespace, name), body);
    }

    @GetMapping("/namespaces/{namespace}/policies/{name}/versions")
    @Operation(summary = "Every promoted version of a policy, newest first")
    @ApiResponse(responseCode = "404", description = "No draft and no version of that name here")
    List<VersionResponse> versions(CurrentUser user, @PathVariable String namespace, @PathVariable String name) {
        permissions.require(user, Action.READ, Resource.namespace(namespace));
        return versions(user, PolicyRef.namespaced(namespace, name));
    }

    @GetMapping("/global-policies")
    @Operation(
            summary = "The managed GlobalNetworkPolicies",
            description = "Those the caller may read: all of them for admins, none of a confidential tier for others.")
    List<PolicyListItem> globalList(CurrentUser user) {
        List<PolicyListItem> out = new ArrayList<>(drafts.list(null).stream()
                .filter(d -> readable(user, null, d.tier()))
                .map(PolicyListItem::of)
                .toList());
        drafts.damaged(null).stream()
                .filter(d -> readable(user, null, d.tier()))
                .map(PolicyListItem::damaged)
                .forEach(out::add);
        return out;
    }

    @GetMapping("/global-policies/{name}")
    @Operation(summary = "One managed GlobalNetworkPolicy", description = "Outside confidential tiers, for everyone.")
    @ApiResponse(responseCode = "404", description = "The portal manages no global policy of that name")
    ResponseEntity<PolicyResponse> globalGet(CurrentUser user, @PathVariable String name) {
        return found(user, PolicyRef.global(name));
    }

    @PutMapping(
            path = "/global-policies/{name}",
            consumes = {"application/json", YAML, "application/x-yaml", "text/yaml"})
    @Operation(
            summary = "Save a GlobalNetworkPolicy as a draft",
            description = "Admins only; as for a NetworkPolicy, without a namespace.")
    @ApiResponse(responseCode = "200", description = "Saved over the existing draft")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "The draft changed since that revision, or the name is taken")
    @ApiResponse(responseCode = "422", description = "Problems, each with its field, under 'errors'")
    ResponseEntity<PolicyResponse> globalPut(
            CurrentUser user,
            @PathVariable String name,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
            @RequestParam(name = "reason", required = false) @Nullable String reason,
            @RequestBody(description = "A Calico GlobalNetworkPolicy")
                    @org.springframework.web.bind.annotation.RequestBody(required = false)
                    @Nullable
                    String body) {
        return save(user, ifMatch, reason, PolicyRef.global(name), body);
    }

    @GetMapping("/global-policies/{name}/versions")
    @Operation(summary = "Every promoted version of a global policy, newest first")
    List<VersionResponse> globalVersions(CurrentUser user, @PathVariable String name) {
        return versions(user, PolicyRef.global(name));
    }

    /**
     * Saves the body as the policy {@code ref} once the user may change it where it is now (an existing draft's tier,
     * checked before the body is read, so that nobody learns more than 403 by sending one) and, by role and
     * namespace, where the body puts it.
     */
    private ResponseEntity<PolicyResponse> save(
            CurrentUser user, @Nullable String ifMatch, @Nullable String reason, PolicyRef ref, @Nullable String body) {
        drafts.find(ref)
                .ifPresent(d -> permissions.require(user, Action.EDIT, Resource.policy(ref.namespace(), d.tier())));
        CalicoPolicy policy = PolicyBodies.read(body, ref.namespace(), ref.name());
        Decision decision = permissions.decide(user, Action.EDIT, Resource.policy(ref.namespace(), policy.tier()));
        // a tier the body names that the user may not write in is bad input, named at spec.tier by the checks (422)
        if (decision.cause() != Decision.Cause.TIER) {
            decision.orThrow();
        }
        String location = ref.isGlobal()
                ? "/api/v1/global-policies/" + ref.name()
                : "/api/v1/namespaces/" + ref.namespace() + "/policies/" + ref.name();
        Long expected = Revisions.fromIfMatch(ifMatch);
        // a reason on a create is an adoption: the store refuses it when nothing of that name is in force
        PolicyDraft saved = expected == null && reason != null
                ? drafts.adopt(user, policy, reason)
                : drafts.save(user, policy, expected);
        List<PolicyProblem> warnings = checks.check(user, saved.policy()).stream()
                .filter(p -> !p.blocking())
                .toList();
        ResponseEntity.BodyBuilder response =
                expected == null ? ResponseEntity.created(URI.create(location)) : ResponseEntity.status(HttpStatus.OK);
        return response.eTag(Revisions.etag(saved.revision()))
                .body(PolicyResponse.of(saved, warnings, advisories.of(saved.policy())));
    }

    private ResponseEntity<PolicyResponse> found(CurrentUser user, PolicyRef ref) {
        PolicyDraft draft = drafts.find(ref).orElseThrow(() -> notFound(ref));
        permissions.require(user, Action.READ, Resource.policy(ref.namespace(), draft.tier()));
        return ResponseEntity.ok().eTag(Revisions.etag(draft.revision())).body(PolicyResponse.of(draft, List.of()));
    }

    private List<VersionResponse> versions(CurrentUser user, PolicyRef ref) {
        List<PolicyVersion> versions = drafts.versions(ref);
        String draftTier;
        try {
            draftTier = drafts.find(ref).map(PolicyDraft::tier).orElse(null);
        } catch (DamagedPolicyException e) {
            draftTier = e.damaged().tier();
        }
        if (versions.isEmpty() && draftTier == null) {
            throw notFound(ref);
        }
        // the draft's tier counts too: a policy of a confidential tier with no version yet is not shown to be there
        if (draftTier != null) {
            permissions.require(user, Action.READ, Resource.policy(ref.namespace(), draftTier));
        }
        for (PolicyVersion v : versions) {
            permissions.require(
                    user,
                    Action.READ,
                    Resource.policy(ref.namespace(), v.policy().tier()));
        }
        return versions.stream().map(VersionResponse::of).toList();
    }

    private boolean readable(CurrentUser user, @Nullable String namespace, String tier) {
        return permissions.allows(user, Action.READ, Resource.policy(namespace, tier));
    }

    private static ResponseStatusException notFound(PolicyRef ref) {
        return new ResponseStatusException(
                HttpStatus.NOT_FOUND,
                "The portal manages no policy " + (ref.isGlobal() ? "named " + ref.name() : ref.toString()) + ".");
    }
}
