package dev.tierdeck.system.web;

import dev.tierdeck.system.CorrelationId;
import dev.tierdeck.system.TextParameterFilter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error the container sends to {@code /error}: API paths and non-HTML clients get a problem document,
 * htmx requests the {@code error :: problem} fragment, browsers the full error page. All of them show a
 * fixed text per status and the correlation id, never exception messages or stack traces.
 */
@Controller
class PortalErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(PortalErrorController.class);

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpStatus status = statusOf(request);
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : "/";
        Throwable failure =
                request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown ? thrown : null;
        if (status.is5xxServerError()) {
            log.error("{} failed with {}", path, status.value(), failure);
        }
        ErrorView view = ErrorView.of(status, CorrelationId.of(request).orElse("-"));
        if (status == HttpStatus.BAD_REQUEST
                && request.getAttribute(TextParameterFilter.REFUSAL_ATTRIBUTE) instanceof String why) {
            view = view.saying(why);
        }
        if (path.startsWith("/api/") || !acceptsHtml(request)) {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(view.problem(path));
        }
        response.setStatus(status.value());
        model.addAttribute("error", view);
        return "true".equals(request.getHeader("HX-Request")) ? "error :: problem" : "error";
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        @Nullable Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null) {
            // asked for directly, not dispatched by the container: there is no error to show
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
