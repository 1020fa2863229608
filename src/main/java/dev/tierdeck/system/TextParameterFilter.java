package dev.tierdeck.system;

import dev.tierdeck.engine.text.TextInput;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 naming the parameter, any request whose query or form parameters hold a character no text field
 * of the portal gives a meaning: a NUL or another control character other than tab and line breaks, or half of a
 * surrogate pair ({@link TextInput}). The screens and the API check their own fields too, with their own bounds and
 * messages; this is the one rule for every parameter, so that a NUL reaches neither the database nor the cluster from
 * a field someone forgot.
 */
public class TextParameterFilter extends OncePerRequestFilter {

    /**
     * Request attribute holding the sentence that refused a request (made here, never copied from the request alone),
     * which the error page shows instead of its generic text.
     */
    public static final String REFUSAL_ATTRIBUTE = TextParameterFilter.class.getName() + ".refusal";

    TextParameterFilter() {}

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = multipart(request) ? null : refusal(request.getParameterMap());
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getRequestURI().startsWith("/api/") || !acceptsHtml(request)) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, refusal);
            return;
        }
        request.setAttribute(REFUSAL_ATTRIBUTE, refusal);
        response.sendError(HttpStatus.BAD_REQUEST.value());
    }

    static @Nullable String refusal(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (TextInput.unwanted(name, TextInput.Kind.LINE) >= 0) {
                return "A parameter name " + TextInput.problem(name, TextInput.Kind.LINE, Integer.MAX_VALUE) + ".";
            }
            for (String value : parameter.getValue()) {
                String problem = TextInput.problem(value, TextInput.Kind.TEXT, Integer.MAX_VALUE);
                if (problem != null) {
                    return "The parameter '" + name + "' " + problem + ".";
                }
            }
        }
        return null;
    }

    /** Multipart bodies are files; reading their parameters here would parse an upload before its limits apply. */
    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
