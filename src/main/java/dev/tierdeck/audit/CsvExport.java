package dev.tierdeck.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Audit records as CSV after RFC 4180: a header row, CRLF line ends, fields holding a comma, a quote or a line
 * break quoted, quotes doubled; UTF-8.
 *
 * <p>A cell that starts with {@code = + - @}, a tab or a carriage return would run as a formula when a
 * spreadsheet opens the file (CSV injection), and the values come from users (reasons, names, YAML): such
 * cells get a leading apostrophe. The CSV is for reading; the JSON export keeps the exact values the hashes
 * cover.
 */
final class CsvExport implements RecordWriter {

    static final List<String> HEADER = List.of(
            "id",
            "occurred_at",
            "actor_issuer",
            "actor_subject",
            "actor_display_name",
            "action",
            "target_kind",
            "namespace",
            "target_name",
            "tier",
            "reason",
            "before",
            "after",
            "impact",
            "correlation_id",
            "previous_hash",
            "hash");

    private final Writer out;

    CsvExport(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    @Override
    public void begin() throws IOException {
        row(HEADER);
    }

    @Override
    public void write(AuditRecord record) throws IOException {
        row(Arrays.asList(
                Long.toString(record.id()),
                DateTimeFormatter.ISO_INSTANT.format(record.occurredAt()),
                record.actor().issuer(),
                record.actor().subject(),
                record.actor().displayName(),
                record.action(),
                record.targetKind(),
                record.namespace(),
                record.targetName(),
                record.tier(),
                record.reason(),
                record.before(),
                record.after(),
                record.impact(),
                record.correlationId(),
                record.previousHash(),
                record.hash()));
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private void row(List<@Nullable String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeAFormula(value) ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static boolean startsLikeAFormula(String value) {
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> true;
            default -> false;
        };
    }
}
