package dev.tierdeck.cluster;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every watched kind current through fabric8 informers (list + watch with the portal's ServiceAccount) and
 * serves reads from memory. All informers write into one store under one lock, so a snapshot is consistent across
 * kinds; the snapshot is rebuilt only after something changed.
 */
final class ClusterCache implements ClusterReader, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterCache.class);

    private final KubernetesClient client;
    private final KubeApi api;
    private final boolean demo;
    private final Duration resync;
    private final Clock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<ClusterKind, Map<String, Map<String, Object>>> store = new EnumMap<>(ClusterKind.class);
    private final Map<ClusterKind, SharedIndexInformer<GenericKubernetesResource>> informers =
            new EnumMap<>(ClusterKind.class);
    private volatile CalicoDetection.Result calico = new CalicoDetection.Result(CalicoApiMode.MISSING, "unknown");
    private long generation;
    private volatile @Nullable Cached cached;

    private record Cached(long generation, ClusterSnapshot snapshot) {}

    private volatile @Nullable Decoded decoded;

    private record Decoded(ClusterSnapshot from, Manifests manifests) {}

    ClusterCache(KubernetesClient client, KubeApi api, boolean demo, Duration resync, Clock clock) {
        this.client = client;
        this.api = api;
        this.demo = demo;
        this.resync = resync;
        this.clock = clock;
    }

    /** Detects the Calico API and starts one informer per served kind; returns without waiting for the lists. */
    synchronized void start() {
        calico = CalicoDetection.detect(client, api);
        log.info("Calico API: {} (version {})", calico.mode().value(), calico.version());
        startInformers();
    }

    /**
     * Catches up with a cluster that changed (or could not be asked) since start-up: re-detects a missing Calico API
     * and starts watching kinds that were not served before.
     */
    synchronized void refresh() {
        if (calico.mode() == CalicoApiMode.MISSING) {
            calico = CalicoDetection.detect(client, api);
            if (calico.mode() != CalicoApiMode.MISSING) {
                log.info("Calico API appeared: {} (version {})", calico.mode().value(), calico.version());
            }
        }
        startInformers();
    }

    private void startInformers() {
        for (ClusterKind kind : ClusterKind.values()) {
            if (!kind.watched() || informers.containsKey(kind)) {
                continue;
            }
            if (kind.calico() ? calico.mode() == CalicoApiMode.MISSING : !CalicoDetection.served(client, kind)) {
                continue;
            }
            var operation = client.genericKubernetesResources(context(kind));
            SharedIndexInformer<GenericKubernetesResource> informer = kind.namespaced()
                    ? operation.inAnyNamespace().runnableInformer(resync.toMillis())
                    : operation.runnableInformer(resync.toMillis());
            informer.addEventHandler(new Handler(kind));
            informer.exceptionHandler((listOrWatchFailed, error) -> {
                log.warn("watch of {} failed: {}", kind.kind(), error.getMessage());
                return true;
            });
            informers.put(kind, informer);
            informer.start();
        }
    }

    @Override
    public ClusterStatus status() {
        int namespaces;
        int pods;
        lock.readLock().lock();
        try {
            namespaces = store.getOrDefault(ClusterKind.NAMESPACE, Map.of()).size();
            pods = store.getOrDefault(ClusterKind.POD, Map.of()).size();
        } finally {
            lock.readLock().unlock();
        }
        boolean stale = stale();
        return new ClusterStatus(
                !stale && api.available(),
                calico.mode(),
                calico.version(),
                namespaces,
                pods,
                stale,
                !api.available(),
                demo);
    }

    @Override
    public ClusterSnapshot snapshot() {
        boolean stale = stale();
        lock.readLock().lock();
        try {
            Cached last = cached;
            if (last != null
                    && last.generation() == generation
                    && last.snapshot().stale() == stale) {
                return last.snapshot();
            }
            Map<ClusterKind, List<Map<String, Object>>> objects = new EnumMap<>(ClusterKind.class);
            store.forEach((kind, byKey) -> objects.put(
                    kind, byKey.values().stream().map(ManifestMaps::deepCopy).toList()));
            ClusterSnapshot snapshot = new ClusterSnapshot(clock.instant(), stale, objects);
            cached = new Cached(generation, snapshot);
            return snapshot;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Manifests decoded() {
        ClusterSnapshot snapshot = snapshot();
        Decoded last = decoded;
        if (last != null && last.from() == snapshot) {
            return last.manifests();
        }
        Manifests manifests = ManifestReader.fromMaps("cluster", snapshot.documents());
        decoded = new Decoded(snapshot, manifests);
        return manifests;
    }

    /** True while any watch is down or has not delivered its first list. */
    boolean stale() {
        if (informers.isEmpty()) {
            return true;
        }
        return informers.values().stream().anyMatch(i -> !i.hasSynced() || !i.isWatching());
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }

    static ResourceDefinitionContext context(ClusterKind kind) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withNamespaced(kind.namespaced())
                .build();
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {

        private final ClusterKind kind;

        Handler(ClusterKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(GenericKubernetesResource resource) {
            put(resource);
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource resource) {
            put(resource);
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            lock.writeLock().lock();
            try {
                Map<String, Map<String, Object>> byKey = store.get(kind);
                if (byKey != null && byKey.remove(key(resource)) != null) {
                    generation++;
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        @SuppressWarnings("unchecked")
        private void put(GenericKubernetesResource resource) {
            Map<String, Object> object = new LinkedHashMap<>();
            // list items come without apiVersion/kind from a real API server
            object.put("apiVersion", kind.apiVersion());
            object.put("kind", kind.kind());
            Map<String, Object> converted = client.getKubernetesSerialization().convertValue(resource, Map.class);
            converted.remove("apiVersion");
            converted.remove("kind");
            object.putAll(converted);
            lock.writeLock().lock();
            try {
                store.computeIfAbsent(kind, k -> new TreeMap<>()).put(key(resource), object);
                generation++;
            } finally {
                lock.writeLock().unlock();
            }
        }

        private static String key(GenericKubernetesResource resource) {
            String namespace = resource.getMetadata().getNamespace();
            return (namespace == null ? "" : namespace) + "/"
                    + resource.getMetadata().getName();
        }
    }

    /** Kinds in the cache, for diagnostics. */
    List<ClusterKind> watchedKinds() {
        List<ClusterKind> kinds = new ArrayList<>(informers.keySet());
        kinds.sort(Comparator.naturalOrder());
        return kinds;
    }
}
