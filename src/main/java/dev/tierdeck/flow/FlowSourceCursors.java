package dev.tierdeck.flow;

import java.time.Instant;
import java.util.Optional;

/** Where each continuous source stopped, kept across restarts. */
public interface FlowSourceCursors {

    Optional<Instant> resumeAt(String source);

    /** Records the position; idempotent. */
    void save(String source, Instant resumeAt);
}
