package dev.tierdeck.system;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Refusals. A CSRF failure on an htmx request usually means the session (and its token) is gone: the page is
 * reloaded ({@code HX-Refresh}) instead of showing an error inside a fragment. API requests get a problem
 * document; pages the 403 error page.
 */
class HtmxAwareAccessDeniedHandler implements AccessDeniedHandler {

    private final AccessDeniedHandler pages = new AccessDeniedHandlerImpl();
    private final boolean api;

    HtmxAwareAccessDeniedHandler(boolean api) {
        this.api = api;
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException, ServletException {
        boolean csrf = accessDeniedException instanceof CsrfException;
        if (csrf && Htmx.isHtmx(request)) {
            response.setHeader("HX-Refresh", "true");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (api) {
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    csrf
                            ? "A write with the browser session needs the X-CSRF-TOKEN header."
                            : "Your roles do not allow this.");
            return;
        }
        pages.handle(request, response, accessDeniedException);
    }
}
