package dev.tierdeck.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What an unauthenticated request gets when it cannot be sent to the identity provider: an htmx request a full
 * page navigation ({@code HX-Redirect}) so that no login page lands inside a fragment; anything else a 401
 * problem document.
 */
class HtmxAwareEntryPoint implements AuthenticationEntryPoint {

    static final String SESSION_ENDED = "/login?expired";

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        if (Htmx.isHtmx(request)) {
            response.setHeader("HX-Redirect", request.getContextPath() + SESSION_ENDED);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Sign in or send a bearer access token.");
    }
}
