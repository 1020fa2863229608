package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.tenancy.PolicyDisclosure;
import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * "What would this break?": replays the stored flow history of a window through the engine before and after a
 * proposed change, against the current cluster. Its explanations name a deciding policy only where the reader may read
 * it; otherwise they give the tier and the policy's owner.
 */
public interface ImpactPreviews {

    /**
     * A preview kept as evidence and shown later to the change's author, approvers and admins: it names only what all
     * of them may read ({@link dev.tierdeck.tenancy.Permissions#disclosureToReadersOf}).
     *
     * @param namespaces only flows touching these namespaces; null for every flow (platform policies)
     */
    ImpactPreview preview(Change change, @Nullable Collection<String> namespaces, Instant from, Instant to);

    /** A preview for one reader, whose explanations name what {@code reader} discloses. */
    default ImpactPreview preview(
            Change change, @Nullable Collection<String> namespaces, Instant from, Instant to, PolicyDisclosure reader) {
        return preview(change, namespaces, from, to);
    }
}
