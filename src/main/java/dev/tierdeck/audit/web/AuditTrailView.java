package dev.tierdeck.audit.web;

import dev.tierdeck.audit.AuditPage;
import dev.tierdeck.audit.AuditRecord;
import dev.tierdeck.system.LineDiff;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the audit screen shows for one request: the filters as typed, a page of rows, the links to the pages
 * around it and to the exports (with the same filters).
 */
record AuditTrailView(
        AuditFilterParameters filter,
        @Nullable String filterError,
        @Nullable String filterErrorParameter,
        List<Row> rows,
        long total,
        int page,
        long pages,
        @Nullable String previousLink,
        @Nullable String nextLink,
        String csvLink,
        String jsonLink) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One record with its before/after diff and its impact evidence laid out for reading. */
    record Row(
            AuditRecord record,
            List<LineDiff.Row> diff,
            @Nullable String impact) {

        private static final DateTimeFormatter WHEN =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

        public String when() {
            return WHEN.format(record.occurredAt());
        }

        /** Kind, namespace and name as far as they are known, e.g. {@code NetworkPolicy payments/allow-checkout}. */
        public String target() {
            String name = record.namespace() == null
                    ? nullToEmpty(record.targetName())
                    : record.namespace() + "/" + nullToEmpty(record.targetName());
            return (nullToEmpty(record.targetKind()) + " " + name).strip();
        }

        private static String nullToEmpty(@Nullable String text) {
            return text == null ? "" : text;
        }

        public boolean hasDetails() {
            return !diff.isEmpty() || impact != null || record.correlationId() != null;
        }
    }

    static AuditTrailView of(AuditFilterParameters filter, AuditPage page) {
        List<Row> rows = page.records().stream()
                .map(record -> new Row(
                        record, LineDiff.of(record.before(), record.after()).rows(), pretty(record.impact())))
                .toList();
        return new AuditTrailView(
                filter,
                null,
                null,
                rows,
                page.total(),
                page.page(),
                page.totalPages(),
                page.hasPrevious() ? link(AuditTrailController.PATH, filter, page.page() - 1, null) : null,
                page.hasNext() ? link(AuditTrailController.PATH, filter, page.page() + 1, null) : null,
                link(AuditTrailController.EXPORT, filter, null, "csv"),
                link(AuditTrailController.EXPORT, filter, null, "json"));
    }

    /** The filters could not be used: no rows, the message naming the parameter. */
    static AuditTrailView rejected(AuditFilterParameters filter, InvalidAuditParameterException problem) {
        return new AuditTrailView(
                filter,
                problem.getMessage(),
                problem.parameter(),
                List.of(),
                0,
                0,
                0,
                null,
                null,
                link(AuditTrailController.EXPORT, AuditFilterParameters.none(), null, "csv"),
                link(AuditTrailController.EXPORT, AuditFilterParameters.none(), null, "json"));
    }

    private static String link(
            String path, AuditFilterParameters filter, @Nullable Integer page, @Nullable String format) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        add(uri, "namespace", filter.namespace());
        add(uri, "tier", filter.tier());
        add(uri, "user", filter.user());
        add(uri, "action", filter.action());
        add(uri, "from", filter.from());
        add(uri, "to", filter.to());
        if (page != null && page > 0) {
            uri.queryParam("page", page);
        }
        if (format != null) {
            uri.queryParam("format", format);
        }
        return uri.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder uri, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
        }
    }

    private static @Nullable String pretty(@Nullable String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JacksonException e) {
            return json;
        }
    }
}
