package dev.tierdeck.system;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.CurrentUsers;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (header in and out, MDC {@code correlationId}, request attribute) and
 * logs one line per request: method, path, status, duration and user. Runs before security, so refused
 * requests are logged and answered with an id too; error pages rendered afterwards reuse the same id.
 */
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String USER_ATTRIBUTE = CorrelationIdFilter.class.getName() + ".user";
    private static final Logger requests = LoggerFactory.getLogger("dev.tierdeck.requests");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            withId(request, response, chain);
            return;
        }
        String id = CorrelationId.acceptOrCreate(request.getHeader(CorrelationId.HEADER));
        request.setAttribute(CorrelationId.ATTRIBUTE, id);
        response.setHeader(CorrelationId.HEADER, id);
        long started = System.nanoTime();
        int status = 500;
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            Object user = request.getAttribute(USER_ATTRIBUTE);
            requests.info(
                    "{} {} {} {}ms user={}",
                    request.getMethod(),
                    request.getRequestURI(),
                    status,
                    millis,
                    user == null ? "-" : user);
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    private static void withId(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.of(request).orElseGet(() -> CorrelationId.acceptOrCreate(null));
        request.setAttribute(CorrelationId.ATTRIBUTE, id);
        if (!response.containsHeader(CorrelationId.HEADER)) {
            response.setHeader(CorrelationId.HEADER, id);
        }
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    /** Records who made the request, once security has established it; runs inside the security filter chain. */
    static class RecordUser extends OncePerRequestFilter {

        private final CurrentUsers currentUsers;

        RecordUser(CurrentUsers currentUsers) {
            this.currentUsers = currentUsers;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            currentUsers
                    .current()
                    .map(CurrentUser::username)
                    .ifPresent(name -> request.setAttribute(USER_ATTRIBUTE, name));
            chain.doFilter(request, response);
        }
    }
}
