package dev.tierdeck.cluster;

import java.util.List;

/** The API server (or the portal, before sending) rejected the object as invalid (422 / 400). */
public final class ClusterInvalidException extends ClusterException {

    private final List<FieldProblem> fields;

    public ClusterInvalidException(String message, List<FieldProblem> fields) {
        super(message);
        this.fields = List.copyOf(fields);
    }

    /** The causes, each mapped to a field path such as {@code spec.ingress[0].action}; may be empty. */
    public List<FieldProblem> fields() {
        return fields;
    }

    /** One validation cause. {@code field} is empty when the API server named no field. */
    public record FieldProblem(String field, String message) {}
}
