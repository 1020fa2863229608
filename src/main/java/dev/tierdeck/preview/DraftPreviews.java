package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Previews a saved draft against the enforced state: the draft's policy set in place of (or beside) what the cluster
 * enforces, replayed over the flows of the draft's namespace, or of every namespace for a global policy.
 */
@Component
class DraftPreviews {

    /** No saved draft by that name. */
    static final class NoDraft extends RuntimeException {
        NoDraft(PolicyRef ref) {
            super("There is no saved draft of the " + (ref.isGlobal() ? "global policy " : "policy ") + ref + ".");
        }
    }

    private final PolicyDrafts drafts;
    private final ImpactPreviews previews;
    private final PreviewAccess access;
    private final PreviewProperties properties;
    private final Clock clock;

    DraftPreviews(
            PolicyDrafts drafts,
            ImpactPreviews previews,
            PreviewAccess access,
            PreviewProperties properties,
            ObjectProvider<Clock> clock) {
        this.drafts = drafts;
        this.previews = previews;
        this.access = access;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Checks that the user may see the policy's scope and that the draft exists, in that order. */
    PolicyDraft draft(CurrentUser user, PolicyRef ref) {
        access.requireMaySee(user, ref);
        return drafts.find(ref).orElseThrow(() -> new NoDraft(ref));
    }

    PreviewWindow window(@Nullable String preset, @Nullable String from, @Nullable String to)
            throws PreviewWindow.Invalid {
        return PreviewWindow.of(preset, from, to, clock.instant(), properties.maxWindow());
    }

    ImpactPreview preview(PolicyDraft draft, PreviewWindow window) {
        PolicyRef ref = draft.ref();
        return previews.preview(
                new Change(List.of(draft.policy()), List.of()),
                ref.isGlobal() ? null : List.of(ref.namespace()),
                window.from(),
                window.to());
    }
}
