package dev.tierdeck.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Recognises requests made by htmx (header {@code HX-Request: true}). */
final class Htmx {

    static final RequestMatcher REQUEST = Htmx::isHtmx;

    private Htmx() {}

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
