package dev.tierdeck.flow.imports;

import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a flow file all or nothing: every flow is decoded and validated first (all problems reported, with
 * line numbers), then the whole file is stored in one transaction.
 */
@Component
public class FlowImport {

    /** At most this many problems are reported; a file this broken is probably of another kind. */
    static final int MAX_PROBLEMS = 50;

    /** The shape of an imported file. */
    public enum Format {
        /** Goldmane/Whisker {@code FlowResponse} JSON. */
        WHISKER,
        /** The flows JSONL of {@code tierdeck evaluate}. */
        CONTRACT
    }

    /**
     * @param flows flows in the file
     * @param imported flows stored
     * @param skipped flows older than the retention, not stored
     */
    public record Result(Format format, int flows, int imported, int skipped) {}

    private final FlowStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FlowImport(FlowStore store, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        this.store = store;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** @throws FlowImportException naming every problem (by line) when the file cannot be imported */
    public Result importFile(byte[] content) {
        Parsed parsed = parse(content, clock.instant());
        Integer imported = transaction.execute(tx -> store.ingest(parsed.flows()));
        int n = imported == null ? 0 : imported;
        return new Result(
                parsed.format(), parsed.flows().size(), n, parsed.flows().size() - n);
    }

    record Parsed(Format format, List<FlowRecord> flows) {}

    static Parsed parse(byte[] content, Instant now) {
        List<FlowFileReader.Element> elements = FlowFileReader.read(content);
        FlowFileReader.Element first = elements.getFirst();
        Format format;
        if (WhiskerFlowDecoder.looksLikeOne(first.node())) {
            format = Format.WHISKER;
        } else if (ContractFlowDecoder.looksLikeOne(first.node())) {
            format = Format.CONTRACT;
        } else {
            throw new FlowImportException(
                    List.of(new ImportProblem(
                            first.line(),
                            null,
                            "not a known flow format: expected a Whisker FlowResponse (source_name, dest_name, "
                                    + "start_time, ...) or a flows JSONL line (source, destination, protocol, port)")),
                    true);
        }
        List<ImportProblem> problems = new ArrayList<>();
        List<FlowRecord> flows = new ArrayList<>(elements.size());
        for (FlowFileReader.Element e : elements) {
            Fields fields = new Fields(e.line(), problems);
            FlowRecord flow = format == Format.WHISKER
                    ? WhiskerFlowDecoder.decode(e.node(), fields)
                    : ContractFlowDecoder.decode(e.node(), fields, now);
            if (flow != null) {
                flows.add(flow);
            }
            if (problems.size() >= MAX_PROBLEMS) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowImportException(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)), false);
        }
        return new Parsed(format, flows);
    }
}
