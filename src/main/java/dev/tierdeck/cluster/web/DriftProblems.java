package dev.tierdeck.cluster.web;

import dev.tierdeck.cluster.ClusterAccessDeniedException;
import dev.tierdeck.cluster.ClusterConflictException;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterInvalidException;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.cluster.ObjectDiff;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** What a refused restore tells the admin, and the status it answers with. */
final class DriftProblems {

    private DriftProblems() {}

    static HttpStatus status(ClusterException e) {
        return switch (e) {
            case ClusterAccessDeniedException denied -> HttpStatus.FORBIDDEN;
            case ClusterConflictException conflict -> HttpStatus.CONFLICT;
            case ClusterInvalidException invalid -> HttpStatus.UNPROCESSABLE_CONTENT;
            case ClusterNotFoundException missing -> HttpStatus.NOT_FOUND;
            case ClusterUnavailableException down -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    static String message(ClusterException e) {
        return switch (e) {
            case ClusterAccessDeniedException denied ->
                "The cluster refused the restore for your account"
                        + (denied.missingPermission() == null ? "" : ": missing " + denied.missingPermission())
                        + ". Nothing was changed.";
            case ClusterConflictException conflict ->
                "The object changed again since the drift was detected; nothing was restored. Reload the drift list"
                        + " and try again." + diff(conflict.diff());
            case ClusterInvalidException invalid ->
                "The cluster rejected the restored object: " + invalid.getMessage()
                        + invalid.fields().stream()
                                .map(f -> (f.field().isEmpty() ? "" : f.field() + ": ") + f.message())
                                .collect(Collectors.joining("; ", " (", ")"));
            case ClusterNotFoundException missing -> missing.getMessage();
            case ClusterUnavailableException down ->
                "The Kubernetes API server cannot be reached; nothing was restored. " + down.getMessage();
        };
    }

    private static String diff(ObjectDiff diff) {
        if (diff.isEmpty()) {
            return "";
        }
        return diff.changes().stream()
                .map(c -> c.path() + ": expected " + c.expected() + ", now " + c.actual())
                .collect(Collectors.joining("; ", " Changed: ", "."));
    }
}
