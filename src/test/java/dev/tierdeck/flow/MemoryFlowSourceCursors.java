package dev.tierdeck.flow;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Source cursors kept in memory. */
public final class MemoryFlowSourceCursors implements FlowSourceCursors {

    public final Map<String, Instant> saved = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> resumeAt(String source) {
        return Optional.ofNullable(saved.get(source));
    }

    @Override
    public void save(String source, Instant resumeAt) {
        saved.put(source, resumeAt);
    }
}
