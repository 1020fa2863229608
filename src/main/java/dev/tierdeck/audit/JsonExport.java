package dev.tierdeck.audit;

import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit records as one JSON array, each record with every field as stored (nulls included) and the impact
 * evidence embedded as JSON. With {@code CanonicalRecord}'s rules anyone can re-verify the hashes from it.
 */
final class JsonExport implements RecordWriter {

    private static final JsonMapper JSON =
            JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final OutputStream out;
    private @Nullable SequenceWriter records;

    JsonExport(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin() throws IOException {
        records = JSON.writer().writeValuesAsArray(out);
    }

    @Override
    public void write(AuditRecord record) throws IOException {
        started().write(record);
    }

    @Override
    public void end() throws IOException {
        started().close();
        out.flush();
    }

    private SequenceWriter started() {
        if (records == null) {
            throw new IllegalStateException("the JSON export has not begun");
        }
        return records;
    }
}
