package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exports: CSV that spreadsheets open safely, JSON from which the chain can be re-verified. */
@AuditContextTest
class AuditExportTest {

    @Autowired
    DataSource server;

    AuditDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = AuditDatabase.singleRole(server);
    }

    String export(AuditQuery query, ExportFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db.log().export(query, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasAHeaderAndOneCrlfTerminatedRowPerRecordOldestFirst() throws IOException {
        AuditRecord first = db.log().record(Entries.tierCreated("platform"));
        AuditRecord second = db.log()
                .record(AuditEntry.builder(Entries.ADA, "tier.locked")
                        .target("Tier", null, "platform")
                        .build());

        String csv = export(AuditQuery.all(), ExportFormat.CSV);

        String[] rows = csv.split("\r\n", -1);
        assertThat(rows[0]).isEqualTo(String.join(",", CsvExport.HEADER));
        assertThat(rows[rows.length - 1]).isEmpty();
        assertThat(csv).containsSubsequence(first.hash(), second.hash());
        assertThat(csv)
                .contains(second.id() + "," + second.occurredAt()
                        + ",http://localhost:9000,admin,Ada Admin,tier.locked," + "Tier,,platform,,,,,,,");
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAfterRfc4180() throws IOException {
        db.log()
                .record(AuditEntry.builder(Entries.ALICE, "policy.promoted")
                        .reason("needed, \"urgently\"")
                        .change(null, "spec:\n  order: 1\n")
                        .build());

        String csv = export(AuditQuery.all(), ExportFormat.CSV);

        assertThat(csv).contains(",\"needed, \"\"urgently\"\"\",,\"spec:\n  order: 1\n\",");
    }

    @Test
    void csvCellsThatWouldRunAsFormulasAreDefused() {
        assertThat(CsvExport.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(CsvExport.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvExport.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvExport.cell("a=b")).isEqualTo("a=b");
        assertThat(CsvExport.cell(null)).isEmpty();
    }

    @Test
    void csvDefusesFormulasComingFromUsers() throws IOException {
        db.log()
                .record(AuditEntry.builder(
                                new Actor("http://localhost:9000", "mallory", "=cmd|' /C calc'!A0"), "tier.updated")
                        .reason("@SUM(1+1)")
                        .build());

        String csv = export(AuditQuery.all(), ExportFormat.CSV);

        assertThat(csv).contains(",mallory,'=cmd|' /C calc'!A0,tier.updated,").contains(",'@SUM(1+1),");
    }

    @Test
    void jsonKeepsEveryFieldSoTheHashesCanBeRecomputed() throws IOException {
        db.log().record(Entries.tierCreated("platform"));
        db.log().record(Entries.policyPromoted("payments", "allow-checkout"));

        JsonNode records = JsonMapper.builder().build().readTree(export(AuditQuery.all(), ExportFormat.JSON));

        assertThat(records.isArray()).isTrue();
        assertThat(records).hasSize(2);
        JsonNode promoted = records.get(1);
        assertThat(promoted.get("actor").get("displayName").asString()).isEqualTo("Alice Developer");
        assertThat(promoted.get("impact").get("newlyAllowed").asInt()).isEqualTo(3);
        assertThat(promoted.get("previousHash").asString())
                .isEqualTo(records.get(0).get("hash").asString());
        assertThat(records.get(0).get("before").isNull()).isTrue();
        assertThat(promoted.get("occurredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void exportsOnlyWhatTheFiltersSelect() throws IOException {
        db.log().record(Entries.tierCreated("platform"));
        db.log().record(Entries.policyPromoted("payments", "allow-checkout"));

        JsonNode records = JsonMapper.builder()
                .build()
                .readTree(export(AuditQuery.all().withNamespace("payments"), ExportFormat.JSON));

        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("namespace").asString()).isEqualTo("payments");
        assertThat(export(AuditQuery.all().withNamespace("nowhere"), ExportFormat.JSON))
                .isEqualTo("[]");
    }
}
