package dev.tierdeck.cluster;

import dev.tierdeck.cluster.ClusterInvalidException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Maps the API server's error answers (a {@code Status} object) to {@link ClusterException}s. */
final class ApiErrors {

    // The authorizer's wording: `User "alice" cannot create resource "networkpolicies" in API group
    // "projectcalico.org" in the namespace "payments"`.
    private static final Pattern FORBIDDEN = Pattern.compile(
            "cannot (\\S+) resource \"([^\"]+)\" in API group \"([^\"]*)\"(?: in the namespace \"([^\"]+)\")?");

    private ApiErrors() {}

    static ClusterException from(int status, @Nullable Map<String, Object> body, ObjectRef ref, boolean write) {
        String message = body != null && body.get("message") instanceof String m && !m.isBlank()
                ? m
                : "the API server answered HTTP " + status + " for " + ref;
        return switch (status) {
            case 401 ->
                new ClusterAccessDeniedException(
                        401, "the API server did not accept the portal's credentials: " + message, null);
            case 403 -> new ClusterAccessDeniedException(403, message, missingPermission(message));
            case 404 -> new ClusterNotFoundException(ref, message);
            case 409 -> new ClusterConflictException(ref, message, null, ObjectDiff.none());
            case 400, 422 -> new ClusterInvalidException(message, causes(body));
            default ->
                new ClusterUnavailableException(
                        "the API server failed (HTTP " + status + "): " + message, write && status >= 500);
        };
    }

    static @Nullable String missingPermission(String message) {
        Matcher m = FORBIDDEN.matcher(message);
        if (!m.find()) {
            return null;
        }
        String resource = m.group(3).isEmpty() ? m.group(2) : m.group(2) + "." + m.group(3);
        return m.group(1) + " " + resource + (m.group(4) == null ? "" : " in namespace " + m.group(4));
    }

    private static List<FieldProblem> causes(@Nullable Map<String, Object> body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body != null
                && body.get("details") instanceof Map<?, ?> details
                && details.get("causes") instanceof List<?> causes) {
            for (Object cause : causes) {
                if (cause instanceof Map<?, ?> c) {
                    String field = c.get("field") instanceof String f ? f : "";
                    String text = c.get("message") instanceof String t ? t : String.valueOf(c.get("reason"));
                    problems.add(new FieldProblem(field, text));
                }
            }
        }
        return problems;
    }

    /** Whether a 409 means "already exists" (create) rather than "modified" (update). */
    static boolean alreadyExists(@Nullable Map<String, Object> body) {
        return body != null && "AlreadyExists".equals(body.get("reason"));
    }
}
