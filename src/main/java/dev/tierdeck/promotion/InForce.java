package dev.tierdeck.promotion;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyVersion;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a managed policy replaces in the cluster: the version Tierdeck put in force, or, for a policy adopted from the
 * cluster and not promoted yet, the cluster's own version. Diffs, approvals and the audit trail compare against it.
 */
@Component
class InForce {

    private final PolicyDrafts drafts;
    private final ClusterReader cluster;

    InForce(PolicyDrafts drafts, ClusterReader cluster) {
        this.drafts = drafts;
        this.cluster = cluster;
    }

    Optional<PolicyVersion> version(PolicyDraft draft) {
        Integer enforced = draft.enforcedVersion();
        return enforced == null ? Optional.empty() : drafts.version(draft.ref(), enforced);
    }

    /** The YAML in force, null when nothing of that name is. */
    @Nullable
    String yaml(PolicyDraft draft) {
        Optional<PolicyVersion> version = version(draft);
        if (version.isPresent()) {
            return PolicyManifests.yaml(version.get().policy());
        }
        CalicoPolicy outside = outside(draft);
        return outside == null ? null : PolicyManifests.yaml(outside);
    }

    /** The enforced object of the draft's kind and name in the cluster, when Tierdeck did not put it there. */
    @Nullable
    CalicoPolicy outside(PolicyDraft draft) {
        if (draft.enforcedVersion() != null) {
            return null;
        }
        return cluster.decoded().state().get(draft.policy().key()) instanceof CalicoPolicy p ? p : null;
    }

    /** Whether an approver accepted the version in force. */
    boolean approved(PolicyDraft draft) {
        return version(draft).map(PolicyVersion::approved).orElse(false);
    }
}
