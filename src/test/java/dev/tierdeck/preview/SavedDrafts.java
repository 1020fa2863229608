package dev.tierdeck.preview;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.PolicyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Drafts held in memory, for the preview's tests: only finding and listing, which is all a preview reads. */
final class SavedDrafts implements PolicyDrafts {

    private final Map<PolicyRef, PolicyDraft> drafts = new ConcurrentHashMap<>();

    void put(CalicoPolicy policy) {
        PolicyRef ref = new PolicyRef(policy.namespace(), policy.name());
        drafts.put(ref, new PolicyDraft(ref, policy, PolicyState.DRAFT, 1, "alice", Instant.now(), null, null, null));
    }

    @Override
    public Optional<PolicyDraft> find(PolicyRef ref) {
        return Optional.ofNullable(drafts.get(ref));
    }

    @Override
    public List<PolicyDraft> list(@Nullable String namespace) {
        return drafts.values().stream()
                .filter(d -> java.util.Objects.equals(d.ref().namespace(), namespace))
                .toList();
    }

    @Override
    public PolicyDraft save(CurrentUser user, CalicoPolicy policy, @Nullable Long expectedRevision) {
        throw new UnsupportedOperationException("previews never save");
    }

    @Override
    public PolicyDraft markStaged(CurrentUser user, PolicyRef ref, long expectedRevision, String resourceVersion) {
        throw new UnsupportedOperationException("previews never stage");
    }

    @Override
    public PolicyDraft markAwaitingApproval(CurrentUser user, PolicyRef ref, long expectedRevision) {
        throw new UnsupportedOperationException("previews never ask for approval");
    }

    @Override
    public PolicyDraft markRejected(CurrentUser approver, PolicyRef ref, long expectedRevision, String comment) {
        throw new UnsupportedOperationException("previews never reject");
    }

    @Override
    public PolicyVersion markEnforced(
            CurrentUser user,
            PolicyRef ref,
            long expectedRevision,
            String promotionId,
            @Nullable String clusterRevision) {
        throw new UnsupportedOperationException("previews never promote");
    }

    @Override
    public List<PolicyVersion> versions(PolicyRef ref) {
        return List.of();
    }

    @Override
    public Optional<PolicyVersion> version(PolicyRef ref, int version) {
        return Optional.empty();
    }

    @Override
    public void delete(CurrentUser user, PolicyRef ref, long expectedRevision) {
        throw new UnsupportedOperationException("previews never delete");
    }
}
