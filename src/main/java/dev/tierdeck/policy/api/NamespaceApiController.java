package dev.tierdeck.policy.api;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.api.PolicyResponses.NamespaceResponse;
import dev.tierdeck.policy.namespace.NamespaceOverviews;
import dev.tierdeck.policy.namespace.WorkloadCoverage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The caller's namespaces, and how well a namespace's workloads are covered. */
@RestController
@Tag(name = "Policies")
class NamespaceApiController {

    private final NamespaceOverviews namespaces;

    NamespaceApiController(NamespaceOverviews namespaces) {
        this.namespaces = namespaces;
    }

    @GetMapping("/api/v1/namespaces")
    @Operation(
            summary = "The caller's namespaces",
            description = "Developers get their teams' namespaces; admins and viewers every namespace of the"
                    + " cluster. Each with its workload, pod and policy counts and whether the caller may write there.")
    List<NamespaceResponse> list(CurrentUser user) {
        return namespaces.summaries(user).stream().map(NamespaceResponse::of).toList();
    }

    @GetMapping("/api/v1/namespaces/{namespace}/coverage")
    @Operation(
            summary = "Which workloads a tier can protect",
            description = "Per workload and direction: open when no tier can end its traffic in a deny (only Pass"
                    + " or Allow policies select it, or none, so traffic reaches the namespace profile, which"
                    + " allows it); otherwise the first tier in evaluation order that can deny it. Computed by the"
                    + " engine on the enforced policies; staged policies do not count.")
    @ApiResponse(responseCode = "403", description = "The namespace belongs to none of the caller's teams")
    List<WorkloadCoverage> coverage(CurrentUser user, @PathVariable String namespace) {
        return namespaces.coverage(user, namespace);
    }
}
