package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The guardrails for automation: admins read and change them; every change is a new version. */
@RestController
@RequestMapping("/api/v1/guardrails")
@Tag(name = "Guardrails")
@ApiResponse(responseCode = "403", description = "Not a platform or security admin")
class GuardrailApiController {

    private final GuardrailAdministration guardrails;

    GuardrailApiController(GuardrailAdministration guardrails) {
        this.guardrails = guardrails;
    }

    @GetMapping
    @Operation(summary = "The guardrails in force", description = "Version 0 is the built-in default.")
    GuardrailVersion current(CurrentUser user) {
        return guardrails.current(user);
    }

    @GetMapping("/versions")
    @Operation(summary = "Every saved version, newest first")
    List<GuardrailVersion> versions(CurrentUser user) {
        return guardrails.history(user);
    }

    @PutMapping
    @Operation(
            summary = "Save new guardrails",
            description = "Creates the next version. With baseVersion, the save is refused (409) when another"
                    + " version was saved since that one was read.")
    @ApiResponse(responseCode = "409", description = "Another version was saved since baseVersion")
    @ApiResponse(responseCode = "422", description = "Invalid fields, each named in 'fields'")
    GuardrailVersion save(CurrentUser user, @RequestBody GuardrailUpdate update) {
        return guardrails.save(user, update.rules(), update.comment(), update.baseVersion());
    }

    /**
     * @param comment why the guardrails change (kept with the version)
     * @param baseVersion the version the change was made to, for optimistic concurrency
     */
    @Schema(name = "GuardrailUpdate")
    record GuardrailUpdate(
            @Nullable GuardrailRules rules,
            @Nullable String comment,
            @Nullable Integer baseVersion) {}
}
