package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.Change;
import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * "What would this break?": replays the stored flow history of a window through the engine before and after a
 * proposed change, against the current cluster.
 */
public interface ImpactPreviews {

    /**
     * @param namespaces only flows touching these namespaces; null for every flow (platform policies)
     */
    ImpactPreview preview(Change change, @Nullable Collection<String> namespaces, Instant from, Instant to);
}
