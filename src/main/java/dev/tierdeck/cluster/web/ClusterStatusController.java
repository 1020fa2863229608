package dev.tierdeck.cluster.web;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Cluster", description = "The Kubernetes cluster Tierdeck manages")
class ClusterStatusController {

    private final ClusterReader cluster;

    ClusterStatusController(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @GetMapping("/api/v1/cluster")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Connection state of the cluster",
            description = "Whether the watches are current, how Calico's projectcalico.org/v3 API is served "
                    + "(apiserver, crd or missing), the Calico version, and counts from the watch cache. "
                    + "readOnly means writes are refused until the API server recovers; loading, while present, "
                    + "says how far the first load of the cluster has come.")
    @ApiResponse(responseCode = "200", description = "The state")
    @ApiResponse(responseCode = "401", description = "Not signed in")
    ClusterStatusResponse status() {
        return ClusterStatusResponse.of(cluster.status());
    }

    @Schema(name = "ClusterStatus")
    record ClusterStatusResponse(
            boolean connected,

            @Schema(allowableValues = {"apiserver", "crd", "missing"})
            String calicoApiMode,

            @Schema(example = "v3.32.1") String calicoVersion,
            int namespaces,
            int pods,
            boolean stale,
            boolean readOnly,
            boolean demo,

            @Schema(nullable = true, example = "listing the cluster: 12,000 objects so far")
            String loading) {

        static ClusterStatusResponse of(ClusterStatus status) {
            return new ClusterStatusResponse(
                    status.connected(),
                    status.calicoApiMode().value(),
                    status.calicoVersion(),
                    status.namespaces(),
                    status.pods(),
                    status.stale(),
                    status.readOnly(),
                    status.demo(),
                    status.isLoading() ? status.loading().describe() : null);
        }
    }
}
