package dev.tierdeck.promotion;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.DamagedPolicyException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delete: removes the staged and the enforced object from the cluster (as the user, each guarded by the
 * resourceVersion Tierdeck knows), then forgets the draft. A cluster refusal stops it before the draft is touched.
 */
@Component
class Removal {

    private final PolicyAccess access;
    private final PolicyDrafts drafts;
    private final ClusterWriter writer;
    private final ClusterReader reader;
    private final ApprovalStore approvals;
    private final PromotionAudit audit;
    private final TransactionTemplate transaction;

    Removal(
            PolicyAccess access,
            PolicyDrafts drafts,
            ClusterWriter writer,
            ClusterReader reader,
            ApprovalStore approvals,
            PromotionAudit audit,
            TransactionTemplate transaction) {
        this.access = access;
        this.drafts = drafts;
        this.writer = writer;
        this.reader = reader;
        this.approvals = approvals;
        this.audit = audit;
        this.transaction = transaction;
    }

    /** @return what was removed from the cluster, for the message */
    List<String> delete(CurrentUser user, PolicyRef ref) {
        PolicyDraft draft;
        try {
            draft = access.writable(user, ref);
        } catch (DamagedPolicyException e) {
            // Its stored copy no longer decodes, so nothing says what it put in the cluster: the draft is forgotten
            // (under the same ownership and governance checks) and any object it left is listed as unmanaged.
            transaction.executeWithoutResult(status -> {
                drafts.delete(user, ref, e.damaged().revision());
                approvals.supersede(ref);
            });
            return List.of();
        }
        ActingUser acting = Promotions.acting(user);
        List<String> removed = new ArrayList<>();
        ObjectRef staged = PolicyManifests.stagedRef(ref);
        String stagedVersion =
                draft.stagedResourceVersion() != null ? draft.stagedResourceVersion() : liveVersion(staged);
        if (stagedVersion != null && remove(acting, staged, stagedVersion)) {
            removed.add(staged.toString());
        }
        ObjectRef enforced = PolicyManifests.enforcedRef(ref);
        String enforcedVersion = draft.enforcedVersion() == null
                ? null
                : drafts.version(ref, draft.enforcedVersion())
                        .map(PolicyVersion::clusterRevision)
                        .orElse(null);
        if (enforcedVersion == null && draft.enforcedVersion() != null) {
            enforcedVersion = liveVersion(enforced);
        }
        if (enforcedVersion != null && remove(acting, enforced, enforcedVersion)) {
            removed.add(enforced.toString());
        }
        transaction.executeWithoutResult(status -> {
            drafts.delete(user, ref, draft.revision());
            approvals.supersede(ref);
            audit.record(
                    user,
                    "promotion.withdrawn",
                    ref,
                    draft.tier(),
                    removed.isEmpty()
                            ? "nothing was in the cluster"
                            : "removed from the cluster: " + String.join(", ", removed),
                    PolicyManifests.yaml(draft.policy()),
                    null,
                    null);
        });
        return removed;
    }

    private boolean remove(ActingUser acting, ObjectRef ref, String resourceVersion) {
        try {
            return writer.delete(acting, ref, resourceVersion).changed();
        } catch (ClusterNotFoundException e) {
            return false; // already gone
        }
    }

    private @Nullable String liveVersion(ObjectRef ref) {
        return reader.snapshot()
                .find(ref)
                .map(o -> o.get("metadata") instanceof Map<?, ?> m && m.get("resourceVersion") instanceof String v
                        ? v
                        : null)
                .orElse(null);
    }
}
