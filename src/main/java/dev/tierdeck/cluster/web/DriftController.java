package dev.tierdeck.cluster.web;

import dev.tierdeck.cluster.ClusterAccessDeniedException;
import dev.tierdeck.cluster.ClusterConflictException;
import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterInvalidException;
import dev.tierdeck.cluster.Drift;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Cluster")
class DriftController {

    private final ClusterDrift drift;
    private final DriftRestore restore;
    private final Permissions permissions;

    DriftController(ClusterDrift drift, DriftRestore restore, Permissions permissions) {
        this.drift = drift;
        this.restore = restore;
        this.permissions = permissions;
    }

    @GetMapping("/api/v1/drift")
    @Operation(
            summary = "Objects changed outside Tierdeck",
            description = "Objects Tierdeck owns whose content no longer matches what it applied, and objects in "
                    + "locked tiers that were created, changed or deleted out of band, each with the field-level "
                    + "diff (expected = what Tierdeck applied or first saw, actual = the cluster now).")
    @ApiResponse(responseCode = "200", description = "The drift found by the latest reconciler run")
    @ApiResponse(responseCode = "403", description = "Not a platform or security admin")
    List<DriftResponse> drift(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return drift.drift().stream().map(DriftResponse::of).toList();
    }

    @PostMapping("/api/v1/drift/{id}/restore")
    @Operation(
            summary = "Restore one drifted object",
            description = "Puts the object back as Tierdeck expects it (re-applies its content, re-creates it, or "
                    + "removes an object created in a locked tier), as the signed-in admin (Kubernetes "
                    + "impersonation), guarded by the resourceVersion seen when the drift was detected. Recorded in "
                    + "the audit trail as drift.restored.")
    @ApiResponse(responseCode = "200", description = "What the restore did")
    @ApiResponse(responseCode = "403", description = "Not an admin, or the cluster refused (names the permission)")
    @ApiResponse(responseCode = "404", description = "No such drift (any more)")
    @ApiResponse(responseCode = "409", description = "The object changed again since detection (with the diff)")
    @ApiResponse(responseCode = "422", description = "The API server rejected the restored object")
    @ApiResponse(responseCode = "503", description = "The API server cannot be reached")
    RestoreResponse restore(CurrentUser user, @PathVariable String id) {
        WriteOutcome outcome = restore.restore(user, id);
        return new RestoreResponse(
                id,
                outcome.ref().kind().kind(),
                outcome.ref().namespace(),
                outcome.ref().name(),
                outcome.change().name(),
                outcome.resourceVersion());
    }

    @ExceptionHandler(ClusterException.class)
    ResponseEntity<ProblemDetail> refused(ClusterException e, HttpServletRequest request) {
        HttpStatus status = DriftProblems.status(e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, DriftProblems.message(e));
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        CorrelationId.of(request).ifPresent(correlation -> problem.setProperty("correlationId", correlation));
        switch (e) {
            case ClusterAccessDeniedException denied
            when denied.missingPermission() != null ->
                problem.setProperty("missingPermission", denied.missingPermission());
            case ClusterConflictException conflict ->
                problem.setProperty(
                        "changes",
                        conflict.diff().changes().stream()
                                .map(c -> new Change(c.path(), c.expected(), c.actual()))
                                .toList());
            case ClusterInvalidException invalid -> problem.setProperty("fields", invalid.fields());
            default -> {}
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Schema(name = "DriftRestored")
    record RestoreResponse(
            String id,
            String kind,
            @Nullable String namespace,
            String name,

            @Schema(allowableValues = {"CREATED", "REPLACED", "DELETED", "UNCHANGED", "PENDING"})
            String change,

            @Nullable String resourceVersion) {}

    @Schema(name = "Drift")
    record DriftResponse(
            String id,
            String kind,
            @Nullable String namespace,
            String name,

            @Schema(
                    allowableValues = {
                        "MODIFIED_OUT_OF_BAND",
                        "LOCKED_TIER_CHANGED",
                        "CREATED_IN_LOCKED_TIER",
                        "DELETED_OUT_OF_BAND"
                    })
            String reason,

            @Nullable String tier,
            Instant detectedAt,
            List<Change> changes) {

        static DriftResponse of(Drift drift) {
            return new DriftResponse(
                    drift.id(),
                    drift.ref().kind().kind(),
                    drift.ref().namespace(),
                    drift.ref().name(),
                    drift.reason().name(),
                    drift.tier(),
                    drift.detectedAt(),
                    drift.diff().changes().stream()
                            .map(c -> new Change(c.path(), c.expected(), c.actual()))
                            .toList());
        }
    }

    @Schema(name = "DriftChange")
    record Change(
            String path,
            @Nullable Object expected,
            @Nullable Object actual) {}
}
