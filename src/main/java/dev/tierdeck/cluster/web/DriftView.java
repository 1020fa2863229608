package dev.tierdeck.cluster.web;

import dev.tierdeck.cluster.Drift;
import dev.tierdeck.cluster.ObjectDiff;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One row of the drift screen. */
record DriftView(
        String id,
        String kind,
        @Nullable String namespace,
        String name,
        @Nullable String tier,
        String reason,
        Instant detectedAt,
        List<ObjectDiff.FieldChange> changes) {

    static List<DriftView> of(List<Drift> drift) {
        return drift.stream()
                .map(d -> new DriftView(
                        d.id(),
                        d.ref().kind().kind(),
                        d.ref().namespace(),
                        d.ref().name(),
                        d.tier(),
                        DriftRestore.describe(d.reason()),
                        d.detectedAt(),
                        d.diff().changes()))
                .toList();
    }

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public String detectedText() {
        return WHEN.format(detectedAt);
    }

    /** {@code namespace/name}, or the name of a cluster-scoped object. */
    public String object() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
