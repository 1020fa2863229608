package dev.tierdeck.flow.goldmane;

import com.google.protobuf.ByteString;
import dev.tierdeck.flow.goldmane.proto.Flow;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Remembers which (flow key, start time) pairs were received, so that the overlap of a resumed List or Stream
 * is not stored twice. Goldmane sends each key once per 15 s interval, so the pair identifies a result. Pairs
 * older than the horizon behind the newest start time are forgotten: a resume never reaches that far back.
 */
final class Deduplicator {

    private final long horizonSeconds;
    private final TreeMap<Long, Set<ByteString>> seen = new TreeMap<>();

    Deduplicator(long horizonSeconds) {
        this.horizonSeconds = horizonSeconds;
    }

    /** Whether the flow is new; remembers it. */
    boolean firstTime(Flow flow) {
        long start = flow.getStartTime();
        if (!seen.isEmpty() && start < seen.lastKey() - horizonSeconds) {
            // older than anything a resume asks for again: it cannot have been seen
            return true;
        }
        boolean added = seen.computeIfAbsent(start, s -> new HashSet<>())
                .add(flow.getKey().toByteString());
        Map<Long, Set<ByteString>> old = seen.headMap(seen.lastKey() - horizonSeconds);
        old.clear();
        return added;
    }

    /** The newest start time received, or {@code -1}. */
    long newestStart() {
        return seen.isEmpty() ? -1 : seen.lastKey();
    }
}
