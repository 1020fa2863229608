package dev.tierdeck.flow.format;

import dev.tierdeck.flow.FlowRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole flow file, validating every flow: either all flows come back, or every problem (by line). */
public final class FlowFiles {

    /** At most this many problems are reported; a file this broken is probably of another kind. */
    public static final int MAX_PROBLEMS = 50;

    /** The shape of a flow file. */
    public enum Format {
        /** Goldmane/Whisker {@code FlowResponse} JSON. */
        WHISKER,
        /** The flows JSONL of {@code tierdeck evaluate}. */
        CONTRACT
    }

    /** A valid file: its format and its flows, in file order. */
    public record Parsed(Format format, List<FlowRecord> flows) {

        public Parsed {
            flows = List.copyOf(flows);
        }
    }

    private FlowFiles() {}

    /**
     * @param now the time given to flows that carry none (flows JSONL lines without {@code time}); flows dated more
     *     than a few minutes after it are refused
     * @throws FlowImportException naming every problem (by line) when the file is not a valid flow file
     */
    public static Parsed parse(byte[] content, Instant now) {
        List<FlowFileReader.Element> elements = FlowFileReader.read(content);
        if (elements.isEmpty()) {
            // an empty array or page of items: nothing to import is a problem of the file, not a failure
            throw new FlowImportException(List.of(new ImportProblem(1, null, "the file holds no flows")), true);
        }
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
            Fields fields = new Fields(e.line(), problems, now);
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
