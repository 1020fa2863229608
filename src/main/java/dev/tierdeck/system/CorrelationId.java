package dev.tierdeck.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The id that ties a request's log lines, its response ({@code X-Correlation-Id}) and any error shown to the
 * user together. A caller may send its own id; one that is not a short token of letters, digits, {@code .},
 * {@code _} or {@code -} is replaced, so that nothing a client sends ends up unchecked in logs or pages.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    static final String ATTRIBUTE = CorrelationId.class.getName();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private CorrelationId() {}

    /** The correlation id of the request being handled on this thread, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }

    /** The correlation id of {@code request}; set for every request that passed the portal's filters. */
    public static Optional<String> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? Optional.of(id) : current();
    }

    static String acceptOrCreate(@Nullable String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }
}
