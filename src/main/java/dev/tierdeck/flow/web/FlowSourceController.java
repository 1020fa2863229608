package dev.tierdeck.flow.web;

import dev.tierdeck.flow.FlowSource;
import dev.tierdeck.flow.FlowSourceStatus;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/flows/source}: the configured continuous sources and their health, for admins. */
@RestController
@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','SECURITY_ADMIN')")
class FlowSourceController {

    private final List<FlowSource> sources;

    FlowSourceController(List<FlowSource> sources) {
        this.sources = sources;
    }

    /** {@code sources} is empty when neither Goldmane nor the demo feed is configured (flows come by import). */
    record Sources(List<FlowSourceStatus> sources) {}

    @GetMapping("/api/v1/flows/source")
    Sources sources() {
        return new Sources(sources.stream().map(FlowSource::status).toList());
    }
}
