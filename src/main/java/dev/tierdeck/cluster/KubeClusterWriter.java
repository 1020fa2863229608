package dev.tierdeck.cluster;

import dev.tierdeck.cluster.WriteOutcome.Change;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link ClusterWriter} over the Kubernetes API, as the acting user (see {@link KubeApi}). */
final class KubeClusterWriter implements ClusterWriter {

    private static final List<ClusterKind> NAMESPACED_POLICY_KINDS = List.of(
            ClusterKind.CALICO_NETWORK_POLICY,
            ClusterKind.STAGED_NETWORK_POLICY,
            ClusterKind.STAGED_KUBERNETES_NETWORK_POLICY,
            ClusterKind.KUBERNETES_NETWORK_POLICY);

    private final KubeApi api;
    private final ObjectApplier applier;

    KubeClusterWriter(KubeApi api, ObjectApplier applier) {
        this.api = api;
        this.applier = applier;
    }

    @Override
    public DryRunResult dryRun(ActingUser user, List<Map<String, Object>> objects) {
        List<DryRunResult.Item> items = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            ObjectRef ref = ref(object);
            Map<String, Object> body = ManifestMaps.deepCopy(object);
            String previewed = ManifestMaps.resourceVersion(object);
            String operation = "create";
            try {
                Map<String, Object> current = api.get(ref);
                if (current == null) {
                    if (previewed != null) {
                        throw ObjectApplier.conflict(ref, object, null, "was deleted since it was previewed");
                    }
                    ManifestMaps.mutableMetadata(body).remove("resourceVersion");
                    api.create(user, ref, body, true);
                } else {
                    operation = "replace";
                    if (previewed == null) {
                        ManifestMaps.mutableMetadata(body)
                                .put("resourceVersion", ManifestMaps.resourceVersion(current));
                    } else if (!previewed.equals(ManifestMaps.resourceVersion(current))) {
                        throw ObjectApplier.conflict(ref, object, current, "was changed since it was previewed");
                    }
                    api.replace(user, ref, body, true);
                }
                items.add(new DryRunResult.Item(ref, operation, null));
            } catch (ClusterException e) {
                items.add(new DryRunResult.Item(ref, operation, e));
            }
        }
        return new DryRunResult(items);
    }

    @Override
    public WriteOutcome putStaged(
            ActingUser user, Map<String, Object> staged, @Nullable String expectedResourceVersion) {
        ObjectRef ref = ref(staged);
        requireStaged(ref);
        return put(user, ref, staged, expectedResourceVersion);
    }

    @Override
    public WriteOutcome putTier(ActingUser user, Map<String, Object> tier, @Nullable String expectedResourceVersion) {
        ObjectRef ref = ref(tier);
        if (ref.kind() != ClusterKind.TIER) {
            throw new ClusterInvalidException(
                    ref + " is not a Tier",
                    List.of(new ClusterInvalidException.FieldProblem("kind", "Unsupported value")));
        }
        return put(user, ref, tier, expectedResourceVersion);
    }

    /** Creates ({@code expectedResourceVersion} null) or replaces guarded by the resourceVersion. */
    private WriteOutcome put(
            ActingUser user, ObjectRef ref, Map<String, Object> object, @Nullable String expectedResourceVersion) {
        Map<String, Object> body = ManifestMaps.deepCopy(object);
        Map<String, Object> metadata = ManifestMaps.mutableMetadata(body);
        try {
            if (expectedResourceVersion == null) {
                metadata.remove("resourceVersion");
                Map<String, Object> created = api.create(user, ref, body, false);
                return new WriteOutcome(ref, Change.CREATED, ManifestMaps.resourceVersion(created));
            }
            metadata.put("resourceVersion", expectedResourceVersion);
            Map<String, Object> replaced = api.replace(user, ref, body, false);
            return new WriteOutcome(ref, Change.REPLACED, ManifestMaps.resourceVersion(replaced));
        } catch (ClusterConflictException e) {
            throw ObjectApplier.conflict(
                    ref,
                    object,
                    api.get(ref),
                    expectedResourceVersion == null ? "already exists" : "was changed since it was previewed");
        }
    }

    @Override
    public WriteOutcome delete(ActingUser user, ObjectRef ref, String expectedResourceVersion) {
        try {
            applier.deletedByTierdeck(ref);
            api.delete(user, ref, expectedResourceVersion, false);
            return new WriteOutcome(ref, Change.DELETED, null);
        } catch (ClusterConflictException e) {
            Map<String, Object> current = api.get(ref);
            throw new ClusterConflictException(
                    ref,
                    ref + " was changed since it was previewed; preview again",
                    current == null ? null : ManifestMaps.resourceVersion(current),
                    ObjectDiff.none());
        }
    }

    @Override
    public PromotionResult promote(
            ActingUser user,
            String promotionId,
            Map<String, Object> previewedStaged,
            @Nullable String enforcedResourceVersion) {
        ObjectRef stagedRef = ref(previewedStaged);
        requireStaged(stagedRef);
        String previewedVersion = ManifestMaps.resourceVersion(previewedStaged);
        if (previewedVersion == null) {
            throw new ClusterInvalidException(
                    stagedRef + " carries no metadata.resourceVersion: promote the staged policy as previewed",
                    List.of(new ClusterInvalidException.FieldProblem("metadata.resourceVersion", "Required value")));
        }
        Map<String, Object> staged = api.get(stagedRef);
        if (staged == null) {
            throw new ClusterNotFoundException(stagedRef, stagedRef + " no longer exists; it may have been promoted");
        }
        if (!previewedVersion.equals(ManifestMaps.resourceVersion(staged))) {
            throw ObjectApplier.conflict(stagedRef, previewedStaged, staged, "was changed since it was previewed");
        }
        StagedConversion.Result conversion = StagedConversion.toEnforced(staged);
        WriteOutcome enforced;
        if (conversion.delete()) {
            Map<String, Object> current = api.get(conversion.target());
            if (current == null) {
                enforced = new WriteOutcome(conversion.target(), Change.UNCHANGED, null);
            } else {
                String version = ManifestMaps.resourceVersion(current);
                if (enforcedResourceVersion != null && !enforcedResourceVersion.equals(version)) {
                    throw new ClusterConflictException(
                            conversion.target(),
                            conversion.target() + " was changed since it was previewed; preview again",
                            version,
                            ObjectDiff.none());
                }
                enforced = applier.delete(user, conversion.target(), String.valueOf(version), promotionId);
            }
        } else {
            enforced = applier.apply(
                    user,
                    conversion.target(),
                    java.util.Objects.requireNonNull(conversion.enforced()),
                    enforcedResourceVersion,
                    promotionId,
                    true);
        }
        WriteOutcome removal = enforced.change() == Change.PENDING
                // keep the staged object until the enforced one is confirmed; the reconciler settles both in order
                ? applier.deleteLater(user, stagedRef, previewedVersion, promotionId)
                : applier.delete(user, stagedRef, previewedVersion, promotionId);
        return new PromotionResult(promotionId, enforced, removal);
    }

    @Override
    public DesiredSetResult apply(ActingUser user, DesiredSet desired) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Set<ObjectRef> wanted = new HashSet<>();
        for (Map<String, Object> object : desired.objects()) {
            Map<String, Object> copy = ManifestMaps.deepCopy(object);
            if (ManifestMaps.namespace(copy) == null) {
                ManifestMaps.mutableMetadata(copy).put("namespace", desired.namespace());
            }
            ObjectRef ref = ref(copy);
            if (!NAMESPACED_POLICY_KINDS.contains(ref.kind())
                    || !desired.namespace().equals(ref.namespace())) {
                throw new ClusterInvalidException(
                        ref + " does not belong in the desired set of namespace " + desired.namespace()
                                + " (namespaced policy kinds in that namespace only)",
                        List.of());
            }
            if (!wanted.add(ref)) {
                throw new ClusterInvalidException(ref + " appears twice in the desired set", List.of());
            }
            objects.add(copy);
        }
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            String guard = ManifestMaps.resourceVersion(object);
            outcomes.add(applier.apply(user, ref(object), object, guard, desired.promotionId(), false));
        }
        for (ClusterKind kind : NAMESPACED_POLICY_KINDS) {
            List<Map<String, Object>> owned;
            try {
                owned = api.list(kind, desired.namespace(), Ownership.MANAGED_BY + "=" + Ownership.TIERDECK);
            } catch (ClusterNotFoundException e) {
                continue; // kind not served (e.g. no Calico API)
            }
            for (Map<String, Object> object : owned) {
                ObjectRef ref = ref(object);
                if (!wanted.contains(ref)) {
                    outcomes.add(applier.delete(
                            user, ref, String.valueOf(ManifestMaps.resourceVersion(object)), desired.promotionId()));
                }
            }
        }
        return new DesiredSetResult(desired.promotionId(), outcomes);
    }

    private static ObjectRef ref(Map<String, Object> object) {
        try {
            return ObjectRef.of(object);
        } catch (IllegalArgumentException e) {
            throw new ClusterInvalidException(
                    e.getMessage() == null ? "not a Kubernetes object" : e.getMessage(), List.of());
        }
    }

    private static void requireStaged(ObjectRef ref) {
        if (!ref.kind().kind().startsWith("Staged")) {
            throw new ClusterInvalidException(
                    ref + " is not a staged policy (StagedNetworkPolicy, StagedGlobalNetworkPolicy or "
                            + "StagedKubernetesNetworkPolicy)",
                    List.of(new ClusterInvalidException.FieldProblem("kind", "Unsupported value")));
        }
    }
}
