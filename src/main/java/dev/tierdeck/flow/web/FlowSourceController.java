package dev.tierdeck.flow.web;

import dev.tierdeck.flow.FlowSource;
import dev.tierdeck.flow.FlowSourceStatus;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/flows/source}: the configured continuous sources and their health, for admins. */
@RestController
class FlowSourceController {

    private final List<FlowSource> sources;
    private final Permissions permissions;

    FlowSourceController(List<FlowSource> sources, Permissions permissions) {
        this.sources = sources;
        this.permissions = permissions;
    }

    /** {@code sources} is empty when neither Goldmane nor the demo feed is configured (flows come by import). */
    record Sources(List<FlowSourceStatus> sources) {}

    @GetMapping("/api/v1/flows/source")
    Sources sources(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return new Sources(sources.stream().map(FlowSource::status).toList());
    }
}
