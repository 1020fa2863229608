package dev.tierdeck.tier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tierdeck.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tiers for automation, under the same rules as the console: admins only, locked tiers by their owners only. */
@RestController
@RequestMapping("/api/v1/tiers")
@Tag(name = "Tiers")
@ApiResponse(responseCode = "403", description = "Not a platform or security admin, or the tier is locked")
class TierApiController {

    private final TierAdministration tiers;

    TierApiController(TierAdministration tiers) {
        this.tiers = tiers;
    }

    @GetMapping
    @Operation(
            summary = "Every tier in Calico's evaluation order",
            description = "Ascending order, tiers without an order last, equal orders by name; the built-in tiers"
                    + " kube-admin, default and kube-baseline are included and marked builtIn.")
    List<TierResponse> list(CurrentUser user) {
        return tiers.list(user).stream().map(TierResponse::of).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One tier")
    @ApiResponse(responseCode = "404", description = "No such tier")
    TierResponse get(CurrentUser user, @PathVariable String name) {
        return TierResponse.of(tiers.get(user, name));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a tier",
            description = "Creates the Calico Tier as the signed-in admin and records its governance. A tier locked"
                    + " on creation must list one of the admin's groups among its owners.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "A tier with that name exists")
    @ApiResponse(responseCode = "422", description = "Invalid fields, each named in 'fields'")
    TierResponse create(CurrentUser user, @RequestBody TierRequest request) {
        return TierResponse.of(tiers.create(user, request.toInput(null), request.comment()));
    }

    @PutMapping("/{name}")
    @Operation(
            summary = "Change a tier",
            description = "Fields left out keep their current value. Built-in tiers keep their order and default"
                    + " action; a tier cannot be renamed.")
    @ApiResponse(responseCode = "404", description = "No such tier")
    @ApiResponse(responseCode = "422", description = "Invalid fields, each named in 'fields'")
    TierResponse update(CurrentUser user, @PathVariable String name, @RequestBody TierRequest request) {
        TierView current = tiers.get(user, name);
        return TierResponse.of(tiers.update(user, name, request.toInput(TierInput.of(current)), request.comment()));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a tier", description = "Built-in tiers and tiers that still hold policies stay.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such tier")
    @ApiResponse(responseCode = "409", description = "Built-in, or the tier still holds policies")
    void delete(
            CurrentUser user,
            @PathVariable String name,
            @Parameter(description = "Why the tier goes, for the audit trail") @RequestParam(required = false) @Nullable
                    String comment) {
        tiers.delete(user, name, comment);
    }

    /**
     * @param order {@code null} when the tier has none (evaluated after every tier with one)
     */
    @Schema(name = "Tier")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TierResponse(
            String name,
            @Nullable Double order,
            @Schema(allowableValues = {"Deny", "Pass"}) String defaultAction,
            boolean locked,
            List<String> owners,
            boolean developerTier,
            boolean builtIn,
            String purpose,
            boolean confidential) {

        static TierResponse of(TierView tier) {
            TierSettings s = tier.settings();
            return new TierResponse(
                    tier.name(),
                    tier.order(),
                    tier.defaultAction(),
                    s.locked(),
                    s.owners(),
                    s.developerTier(),
                    tier.builtIn(),
                    s.purpose(),
                    s.confidential());
        }
    }

    /**
     * A tier to create or change. {@code order} is a number (or null for none).
     */
    @Schema(name = "TierRequest")
    record TierRequest(
            @Nullable String name,

            @Schema(type = "number", nullable = true) @Nullable
            Object order,

            @Schema(allowableValues = {"Deny", "Pass"}) @Nullable
            String defaultAction,

            @Nullable Boolean locked,
            @Nullable List<String> owners,
            @Nullable Boolean developerTier,
            @Nullable String purpose,
            @Nullable Boolean confidential,

            @Schema(description = "Why, for the audit trail") @Nullable
            String comment) {

        /** The request over {@code base} (the current tier, or null when creating). */
        TierInput toInput(@Nullable TierInput base) {
            return new TierInput(
                    name != null ? name : base == null ? "" : base.name(),
                    order != null ? orderText(order) : base == null ? "" : base.order(),
                    defaultAction != null ? defaultAction : base == null ? "" : base.defaultAction(),
                    locked != null ? locked : base != null && base.locked(),
                    owners != null ? owners : base == null ? List.of() : base.owners(),
                    developerTier != null ? developerTier : base != null && base.developerTier(),
                    purpose != null ? purpose : base == null ? "" : base.purpose(),
                    confidential != null ? confidential : base != null && base.confidential());
        }

        private static String orderText(Object order) {
            if (order instanceof Number number) {
                return TierView.formatOrder(number.doubleValue());
            }
            // Anything else (text, booleans, lists) is validated as typed and refused unless it is a number.
            return order instanceof String text ? text : String.valueOf(order);
        }
    }
}
