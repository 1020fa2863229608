package dev.tierdeck.cluster.web;

import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.Drift;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Cluster")
class DriftController {

    private final ClusterDrift drift;

    DriftController(ClusterDrift drift) {
        this.drift = drift;
    }

    @GetMapping("/api/v1/drift")
    @PreAuthorize("hasAnyRole('PLATFORM_ADMIN','SECURITY_ADMIN')")
    @Operation(
            summary = "Objects changed outside Tierdeck",
            description = "Objects Tierdeck owns whose content no longer matches what it applied, and objects in "
                    + "locked tiers that were created, changed or deleted out of band, each with the field-level "
                    + "diff (expected = what Tierdeck applied or first saw, actual = the cluster now).")
    @ApiResponse(responseCode = "200", description = "The drift found by the latest reconciler run")
    @ApiResponse(responseCode = "403", description = "Not a platform or security admin")
    List<DriftResponse> drift() {
        return drift.drift().stream().map(DriftResponse::of).toList();
    }

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
