package dev.tierdeck.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code where} clause and its named parameters for an {@link AuditQuery}. */
record AuditFilterSql(String where, Map<String, Object> parameters) {

    static AuditFilterSql of(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.namespace() != null) {
            conditions.add("namespace = :namespace");
            parameters.put("namespace", query.namespace());
        }
        if (query.tier() != null) {
            conditions.add("tier = :tier");
            parameters.put("tier", query.tier());
        }
        if (query.user() != null) {
            conditions.add("(actor_subject = :user or lower(actor_display_name) like :userPattern escape '\\')");
            parameters.put("user", query.user());
            parameters.put("userPattern", "%" + likeLiteral(query.user().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.action() != null) {
            conditions.add("(action = :action or action like :actionFamily escape '\\')");
            parameters.put("action", query.action());
            parameters.put("actionFamily", likeLiteral(query.action()) + ".%");
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            parameters.put("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            parameters.put("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return new AuditFilterSql(where, parameters);
    }

    /** The text matched literally by LIKE: its wildcards and the escape character escaped. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
