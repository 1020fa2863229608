package dev.tierdeck.notification;

import dev.tierdeck.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhooks for automation: admins list, create, change and delete them, and read their recent deliveries. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
@ApiResponse(responseCode = "403", description = "Not a platform or security admin")
class WebhookApiController {

    private final Webhooks webhooks;

    WebhookApiController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    @Operation(summary = "Every webhook (never its secret)")
    List<Webhook> list(CurrentUser user) {
        return webhooks.list(user);
    }

    @GetMapping("/{id}")
    @ApiResponse(responseCode = "404", description = "No such webhook")
    Webhook get(CurrentUser user, @PathVariable long id) {
        return webhooks.get(user, id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a webhook",
            description = "name, url (http or https; the host must resolve to public addresses unless allowed in"
                    + " tierdeck.notification.allowed-hosts), format (json or slack), eventTypes, secret (16-200"
                    + " characters; each delivery carries X-Tierdeck-Signature: t=<unix seconds>,v1=<hex"
                    + " HMAC-SHA256 of \"<t>.<body>\">), enabled.")
    @ApiResponse(responseCode = "422", description = "Invalid fields, each named in 'fields'")
    Webhook create(CurrentUser user, @RequestBody @Nullable WebhookInput input) {
        return webhooks.create(user, input == null ? empty() : input);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a webhook", description = "Without a secret, the stored one stays.")
    @ApiResponse(responseCode = "422", description = "Invalid fields, each named in 'fields'")
    Webhook update(CurrentUser user, @PathVariable long id, @RequestBody @Nullable WebhookInput input) {
        return webhooks.update(user, id, input == null ? empty() : input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(CurrentUser user, @PathVariable long id) {
        webhooks.delete(user, id);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(
            summary = "The webhook's newest deliveries",
            description = "Status (PENDING, DELIVERED, FAILED), attempts, the last response code and error.")
    List<Delivery> deliveries(CurrentUser user, @PathVariable long id) {
        return webhooks.deliveries(user, id);
    }

    private static WebhookInput empty() {
        return new WebhookInput(null, null, null, null, null, null);
    }
}
