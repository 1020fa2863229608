package dev.tierdeck.system.api;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity")
class MeController {

    private final Tenancy tenancy;

    MeController(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller: name, portal roles and the namespaces their teams own")
    Me me(CurrentUser user) {
        return new Me(
                user.username(),
                user.displayName(),
                user.sortedRoles().stream().map(Role::id).toList(),
                List.copyOf(tenancy.namespacesOf(user)));
    }

    /**
     * @param roles lowercase role names, e.g. {@code developer}
     * @param namespaces sorted
     */
    record Me(String username, String displayName, List<String> roles, List<String> namespaces) {}
}
