package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
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
    private final Permissions permissions;
    private final PreviewProperties properties;
    private final Clock clock;

    DraftPreviews(
            PolicyDrafts drafts,
            ImpactPreviews previews,
            Permissions permissions,
            PreviewProperties properties,
            ObjectProvider<Clock> clock) {
        this.drafts = drafts;
        this.previews = previews;
        this.permissions = permissions;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Checks that the user may see the policy's namespace, that the draft exists and that they may preview it (its
     * tier may be confidential; a global policy's preview replays every namespace), in that order.
     */
    PolicyDraft draft(CurrentUser user, PolicyRef ref) {
        if (!ref.isGlobal()) {
            permissions.require(user, Action.PREVIEW, Resource.namespace(ref.namespace()));
        }
        PolicyDraft draft = drafts.find(ref).orElseThrow(() -> new NoDraft(ref));
        permissions.require(user, Action.PREVIEW, Resource.policy(ref.namespace(), draft.tier()));
        return draft;
    }

    PreviewWindow window(@Nullable String preset, @Nullable String from, @Nullable String to)
            throws PreviewWindow.Invalid {
        return PreviewWindow.of(preset, from, to, clock.instant(), properties.maxWindow());
    }

    /** The explanations name only the policies {@code user} may read. */
    ImpactPreview preview(CurrentUser user, PolicyDraft draft, PreviewWindow window) {
        PolicyRef ref = draft.ref();
        return previews.preview(
                new Change(List.of(draft.policy()), List.of()),
                ref.isGlobal() ? null : List.of(ref.namespace()),
                window.from(),
                window.to(),
                permissions.disclosureTo(user));
    }
}
