package dev.tierdeck.flow;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A flow store that only records what is ingested. */
public final class RecordingFlowStore implements FlowStore {

    public final List<FlowRecord> flows = new CopyOnWriteArrayList<>();

    @Override
    public int ingest(Collection<FlowRecord> batch) {
        flows.addAll(batch);
        return batch.size();
    }

    @Override
    public FlowPage query(FlowFilter filter, int page, int pageSize) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<FlowRecord> distinctFlows(Instant from, Instant to, @Nullable Collection<String> namespaces) {
        throw new UnsupportedOperationException();
    }
}
