package dev.tierdeck.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tierdeck.policy.Advisory;
import dev.tierdeck.policy.DamagedPolicy;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.policy.namespace.NamespaceOverviews;
import dev.tierdeck.policy.namespace.NamespaceSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The API's documents. */
final class PolicyResponses {

    private PolicyResponses() {}

    @Schema(name = "Namespace")
    record NamespaceResponse(
            String name,

            @Schema(description = "The namespace exists in the cluster")
            boolean inCluster,

            @Schema(description = "Pods grouped by owner") int workloads,
            int pods,

            @Schema(description = "Drafts the portal manages here, in any state")
            int managedPolicies,

            @Schema(description = "NetworkPolicies of the namespace in force in the cluster")
            int enforcedPolicies,

            @Schema(description = "The caller may write policies here")
            boolean writable) {

        static NamespaceResponse of(NamespaceSummary s) {
            return new NamespaceResponse(
                    s.name(),
                    s.inCluster(),
                    s.workloads(),
                    s.pods(),
                    s.managedPolicies(),
                    s.enforcedPolicies(),
                    s.writable());
        }
    }

    /** One line of a namespace's policies: a managed draft, or an enforced policy the portal does not manage. */
    @Schema(name = "PolicySummary")
    record PolicyListItem(
            String name,
            String kind,
            String tier,

            @Schema(
                    allowableValues = {
                        "DRAFT",
                        "STAGED",
                        "AWAITING_APPROVAL",
                        "APPROVED",
                        "REJECTED",
                        "ENFORCED",
                        "WITHDRAWN"
                    })
            String state,

            @Schema(
                    description = "Why the stored copy cannot be read; such a policy can only be deleted."
                            + " Absent for every other policy")
            @Nullable
            String damaged,

            @Schema(description = "False for enforced policies the portal does not manage")
            boolean managed,

            @Schema(description = "Managed policies only") @Nullable
            Long revision,

            @Nullable Integer enforcedVersion,
            @Nullable String note,
            @Nullable Instant updatedAt) {

        static PolicyListItem of(PolicyDraft d) {
            return new PolicyListItem(
                    d.ref().name(),
                    d.policy().kind().name(),
                    d.tier(),
                    d.state().name(),
                    null,
                    true,
                    d.revision(),
                    d.enforcedVersion(),
                    d.note(),
                    d.updatedAt());
        }

        static PolicyListItem damaged(DamagedPolicy d) {
            return new PolicyListItem(
                    d.ref().name(),
                    d.kind(),
                    d.tier(),
                    d.state().name(),
                    d.problem(),
                    true,
                    d.revision(),
                    null,
                    null,
                    d.updatedAt());
        }

        static PolicyListItem unmanaged(NamespaceOverviews.ClusterPolicy p) {
            return new PolicyListItem(p.name(), p.kind(), p.tier(), "ENFORCED", null, false, null, null, null, null);
        }
    }

    @Schema(name = "Policy")
    record PolicyResponse(
            @Nullable String namespace,
            String name,
            String kind,
            String tier,
            String state,

            @Schema(
                    description = "What the pending change does",
                    allowableValues = {"EDIT", "ADOPTION", "ROLLBACK", "WITHDRAWAL"})
            String change,

            @Schema(description = "Send it back in If-Match to change the draft")
            long revision,

            String updatedBy,
            Instant updatedAt,
            @Nullable Integer enforcedVersion,
            @Nullable String stagedResourceVersion,
            @Nullable String note,

            @Schema(description = "The approval request that decided this content or withdrawal") @Nullable
            Long approvalId,

            @Schema(description = "Why the requester adopts, rolls back or withdraws it") @Nullable
            String reason,

            @Schema(description = "The draft as canonical Calico YAML")
            String yaml,

            @Schema(description = "Problems that do not block the change but need an approver")
            List<ApiError> warnings,

            boolean needsApproval,

            @Schema(
                    description = "Notes that never block: a selector or peer matching no pod now, a named port no"
                            + " pod declares, a rule earlier rules always decide, traffic an egress default deny"
                            + " cuts. Returned by PUT; empty on GET.")
            List<AdvisoryResponse> advisories) {

        static PolicyResponse of(PolicyDraft d, List<PolicyProblem> warnings) {
            return of(d, warnings, List.of());
        }

        static PolicyResponse of(PolicyDraft d, List<PolicyProblem> warnings, List<Advisory> advisories) {
            return new PolicyResponse(
                    d.ref().namespace(),
                    d.ref().name(),
                    d.policy().kind().name(),
                    d.tier(),
                    d.state().name(),
                    d.change().name(),
                    d.revision(),
                    d.updatedBy(),
                    d.updatedAt(),
                    d.enforcedVersion(),
                    d.stagedResourceVersion(),
                    d.note(),
                    d.approvalId(),
                    d.reason(),
                    dev.tierdeck.engine.manifest.ManifestWriter.toYaml(List.of(d.policy())),
                    warnings.stream().map(ApiError::of).toList(),
                    !warnings.isEmpty(),
                    advisories.stream().map(AdvisoryResponse::of).toList());
        }
    }

    @Schema(name = "Advisory")
    record AdvisoryResponse(
            @Schema(description = "The manifest path it concerns, e.g. spec.egress[1].destination.ports")
            String field,

            String message,

            @Schema(
                    description = "What kind of note",
                    allowableValues = {
                        Advisory.SELECTS_NO_POD,
                        Advisory.PEER_MATCHES_NOTHING,
                        Advisory.UNDECLARED_PORT,
                        Advisory.DECIDED_EARLIER,
                        Advisory.DECIDED_ABOVE,
                        Advisory.EGRESS_CUT
                    })
            String kind) {

        static AdvisoryResponse of(Advisory a) {
            return new AdvisoryResponse(a.field(), a.message(), a.kind());
        }
    }

    @Schema(name = "PolicyVersion")
    record VersionResponse(
            int version,
            String kind,
            String tier,
            String promotedBy,
            Instant promotedAt,
            String promotionId,
            @Nullable String clusterRevision,

            @Schema(
                    description =
                            "The approval request whose approver accepted this version; null when none was needed")
            @Nullable
            Long approvalId,

            String yaml) {

        static VersionResponse of(PolicyVersion v) {
            return new VersionResponse(
                    v.version(),
                    v.policy().kind().name(),
                    v.policy().tier(),
                    v.promotedBy(),
                    v.promotedAt(),
                    v.promotionId(),
                    v.clusterRevision(),
                    v.approvalId(),
                    dev.tierdeck.engine.manifest.ManifestWriter.toYaml(List.of(v.policy())));
        }
    }

    /**
     * One problem, tied to its field.
     *
     * @param guardrail the guardrail that raised it, null for validation and permission problems
     * @param blocking true when it stops the change; false when it needs an approver
     */
    @Schema(name = "PolicyError")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ApiError(String field, String message, @Nullable String guardrail, boolean blocking) {

        static ApiError of(PolicyProblem p) {
            return new ApiError(p.field(), p.message(), p.guardrail(), p.blocking());
        }
    }
}
