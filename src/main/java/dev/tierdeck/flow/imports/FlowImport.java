package dev.tierdeck.flow.imports;

import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.format.FlowFiles;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a flow file all or nothing: every flow is decoded and validated first (all problems reported, with
 * line numbers, see {@link FlowFiles}), then the whole file is stored in one transaction.
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
    private final TransactionTemplate transaction;
    private final Clock clock;

    FlowImport(FlowStore store, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        this.store = store;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * @throws dev.tierdeck.flow.format.FlowImportException naming every problem (by line) when the file cannot be
     *     imported
     */
    public Result importFile(byte[] content) {
        FlowFiles.Parsed parsed = FlowFiles.parse(content, clock.instant());
        Integer imported = transaction.execute(tx -> store.ingest(parsed.flows()));
        int n = imported == null ? 0 : imported;
        return new Result(
                parsed.format(), parsed.flows().size(), n, parsed.flows().size() - n);
    }
}
