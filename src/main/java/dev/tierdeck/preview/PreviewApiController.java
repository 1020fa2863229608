package dev.tierdeck.preview;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST .../policies/{name}/preview?from=&to=} (and the global twin): the saved draft's impact on the window's
 * flows as {@code {"flows":N,"newlyDenied":D,"newlyAllowed":A,"changes":[...]}} plus the rest of
 * {@link ImpactPreview}. Without from/to, the last 24 hours. 403 when the namespace is not the caller's, 404 for an
 * unknown draft, 400 for a window that cannot be used.
 */
@RestController
@Tag(name = "Impact preview")
@ApiResponse(
        responseCode = "403",
        description = "The namespace is not one of the caller's (global policies: admins only)")
@ApiResponse(responseCode = "404", description = "The portal holds no saved draft of that name")
@ApiResponse(responseCode = "400", description = "The window cannot be used: the message says why")
class PreviewApiController {

    private final DraftPreviews previews;

    PreviewApiController(DraftPreviews previews) {
        this.previews = previews;
    }

    @PostMapping(
            path = "/api/v1/namespaces/{namespace}/policies/{name}/preview",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> namespaced(
            CurrentUser user,
            @PathVariable String namespace,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            HttpServletRequest request) {
        return preview(user, PolicyRef.namespaced(namespace, name), from, to, request);
    }

    @PostMapping(path = "/api/v1/global-policies/{name}/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "What the saved global draft would newly deny and newly allow, across every namespace",
            description = "As for a namespaced policy, over the flows of every namespace; admins only.")
    ResponseEntity<?> global(
            CurrentUser user,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            HttpServletRequest request) {
        return preview(user, PolicyRef.global(name), from, to, request);
    }

    private ResponseEntity<?> preview(
            CurrentUser user, PolicyRef ref, @Nullable String from, @Nullable String to, HttpServletRequest request) {
        PolicyDraft draft;
        try {
            draft = previews.draft(user, ref);
        } catch (AccessDeniedException e) {
            return PreviewProblems.of(request, HttpStatus.FORBIDDEN, e.getMessage());
        } catch (DraftPreviews.NoDraft e) {
            return PreviewProblems.of(request, HttpStatus.NOT_FOUND, e.getMessage());
        }
        PreviewWindow window;
        try {
            window = previews.window(null, from, to);
        } catch (PreviewWindow.Invalid e) {
            return PreviewProblems.badRequest(request, e.getMessage());
        }
        return ResponseEntity.ok(previews.preview(user, draft, window));
    }
}
