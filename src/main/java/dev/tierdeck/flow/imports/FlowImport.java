package dev.tierdeck.flow.imports;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.engine.text.TextInput;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.format.FlowFiles;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a flow file all or nothing: every flow is decoded and validated first (all problems reported, with
 * line numbers, see {@link FlowFiles}), then the whole file is stored in one transaction with its audit record (who,
 * how many, from where, which time window): flows are the evidence behind previews and approvals.
 */
@Component
public class FlowImport {

    /**
     * @param flows flows in the file
     * @param imported flows stored
     * @param skipped flows older than the retention, not stored
     */
    public record Result(FlowFiles.Format format, int flows, int imported, int skipped) {}

    private final FlowStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FlowImport(FlowStore store, AuditLog audit, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        this.store = store;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * @param source where the file came from, for the audit trail (a file name, or how it was sent)
     * @throws dev.tierdeck.flow.format.FlowImportException naming every problem (by line) when the file cannot be
     *     imported
     */
    public Result importFile(CurrentUser user, String source, byte[] content) {
        FlowFiles.Parsed parsed = FlowFiles.parse(content, clock.instant());
        String from = source.length() > 200 ? source.substring(0, 200) : source;
        Integer imported = transaction.execute(tx -> {
            int stored = store.ingest(parsed.flows());
            audit.record(AuditEntry.builder(Actor.of(user), "flow.imported")
                    .target("FlowFile", null, TextInput.unwanted(from, TextInput.Kind.LINE) < 0 ? from : "upload")
                    .reason(summary(parsed, stored))
                    .correlationId(CorrelationId.current().orElse(null))
                    .build());
            return stored;
        });
        int n = imported == null ? 0 : imported;
        return new Result(
                parsed.format(), parsed.flows().size(), n, parsed.flows().size() - n);
    }

    /** "12 flows (10 stored, 2 older than the retention), observed 2026-11-24T10:00:00Z to ..., format CONTRACT". */
    static String summary(FlowFiles.Parsed parsed, int stored) {
        List<FlowRecord> flows = parsed.flows();
        String window = flows.isEmpty()
                ? "no flows"
                : "observed "
                        + flows.stream()
                                .map(FlowRecord::start)
                                .min(Instant::compareTo)
                                .orElseThrow() + " to "
                        + flows.stream()
                                .map(FlowRecord::end)
                                .max(Instant::compareTo)
                                .orElseThrow();
        return flows.size() + (flows.size() == 1 ? " flow" : " flows") + " (" + stored + " stored, "
                + (flows.size() - stored) + " older than the retention), " + window + ", format " + parsed.format();
    }
}
