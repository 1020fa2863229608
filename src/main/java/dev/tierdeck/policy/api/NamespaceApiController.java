package dev.tierdeck.policy.api;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.api.PolicyResponses.NamespaceResponse;
import dev.tierdeck.policy.namespace.NamespaceOverviews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's namespaces. */
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
}
