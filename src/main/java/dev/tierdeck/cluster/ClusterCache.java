package dev.tierdeck.cluster;

import dev.tierdeck.engine.eval.CompiledCluster;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every watched kind current through fabric8 informers (list + watch with the portal's ServiceAccount) and
 * serves reads from memory.
 *
 * <p>An event costs the informer thread a conversion and a map entry, never a copy of the cluster. A single
 * background thread folds the events into a new {@link ClusterView} (snapshot, decoded objects and the compiled
 * cluster, derived from the previous one) and publishes it; readers get the last published view without waiting.
 * Under a stream of events the views are coalesced: the thread rests about ten times as long as its last update
 * took (between 20 ms and 2 s), so the view trails the cluster by at most that plus one update.
 */
final class ClusterCache implements ClusterReader, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterCache.class);
    private static final Duration MIN_PAUSE = Duration.ofMillis(20);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    /** Up to this many objects, a reader that finds the view behind the watches brings it up to date itself. */
    private static final int INLINE_LIMIT = 5_000;

    private final KubernetesClient client;
    private final KubeApi api;
    private final boolean demo;
    private final Duration resync;
    private final Clock clock;
    private final SeedProgress seeding;
    private final Object lock = new Object();
    /** Held while a view is made: by the background thread, or by a reader of a small cluster. */
    private final Object publishing = new Object();

    private final Map<ClusterKind, TreeMap<String, Map<String, Object>>> store = new EnumMap<>(ClusterKind.class);
    private final Map<ClusterKind, Map<String, Boolean>> dirty = new EnumMap<>(ClusterKind.class);
    private long generation;
    private final Map<ClusterKind, SharedIndexInformer<GenericKubernetesResource>> informers =
            new EnumMap<>(ClusterKind.class);
    /** The informers, for readers that must not wait while a refresh asks the API server. */
    private volatile List<SharedIndexInformer<GenericKubernetesResource>> running = List.of();

    private volatile CalicoDetection.Result calico = new CalicoDetection.Result(CalicoApiMode.MISSING, "unknown");
    private volatile ClusterView view = ClusterView.EMPTY;
    private volatile boolean started;
    /** Set once a view compiled over fully listed kinds was published. */
    private volatile boolean loaded;

    private volatile boolean closed;
    private final Thread publisher;
    private final ViewBuilder builder = new ViewBuilder();
    private final long createdAt = System.nanoTime();

    ClusterCache(KubernetesClient client, KubeApi api, boolean demo, Duration resync, Clock clock) {
        this(client, api, demo, resync, clock, SeedProgress.none());
    }

    ClusterCache(
            KubernetesClient client, KubeApi api, boolean demo, Duration resync, Clock clock, SeedProgress seeding) {
        this.client = client;
        this.api = api;
        this.demo = demo;
        this.resync = resync;
        this.clock = clock;
        this.seeding = seeding;
        this.publisher = Thread.ofPlatform().daemon().name("cluster-view").unstarted(this::publishLoop);
    }

    /** Detects the Calico API and starts one informer per served kind; returns without waiting for the lists. */
    synchronized void start() {
        if (closed) {
            return;
        }
        calico = CalicoDetection.detect(client, api);
        log.info("Calico API: {} (version {})", calico.mode().value(), calico.version());
        startInformers();
        started = true;
        if (!publisher.isAlive()) {
            publisher.start();
        }
    }

    /**
     * Catches up with a cluster that changed (or could not be asked) since start-up: re-detects a missing Calico API
     * and starts watching kinds that were not served before.
     */
    synchronized void refresh() {
        if (!started) {
            return;
        }
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
            running = List.copyOf(informers.values());
            informer.start();
        }
    }

    @Override
    public ClusterStatus status() {
        int namespaces;
        int pods;
        synchronized (lock) {
            namespaces = size(ClusterKind.NAMESPACE);
            pods = size(ClusterKind.POD);
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
                demo,
                loading());
    }

    private int size(ClusterKind kind) {
        TreeMap<String, Map<String, Object>> byKey = store.get(kind);
        return byKey == null ? 0 : byKey.size();
    }

    /** The first load while it is under way, else {@code null}. */
    @Nullable
    ClusterLoading loading() {
        if (loaded) {
            return null;
        }
        if (!started) {
            return new ClusterLoading(ClusterLoading.Phase.SEEDING, seeding.done(), seeding.total(), seeding.problem());
        }
        long objects;
        synchronized (lock) {
            objects = store.values().stream().mapToLong(Map::size).sum();
        }
        return new ClusterLoading(
                allSynced() ? ClusterLoading.Phase.COMPILING : ClusterLoading.Phase.LISTING,
                objects,
                -1,
                seeding.problem());
    }

    @Override
    public ClusterSnapshot snapshot() {
        return current().snapshot(stale());
    }

    @Override
    public Manifests decoded() {
        return current().decoded();
    }

    /**
     * The last published view; on a small cluster that changed since, a fresh one made on the spot, so that a reader
     * sees what the watches delivered (a large cluster's view is left to the background thread, which coalesces).
     */
    private ClusterView current() {
        ClusterView published = view;
        if (!started || published.generation() == generation()) {
            return published;
        }
        synchronized (lock) {
            if (store.values().stream().mapToInt(Map::size).sum() > INLINE_LIMIT) {
                return published;
            }
        }
        publish();
        return view;
    }

    private long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /**
     * The compiled cluster of the last published view: derived from the previous one per update, never compiled per
     * call. While the first load is under way there is none yet.
     *
     * @throws ClusterUnavailableException while the cluster is still loading
     */
    @Override
    public CompiledCluster compiled() {
        ClusterView latest = current();
        CompiledCluster compiled = latest.compiled();
        if (compiled != null) {
            return compiled;
        }
        if (!loaded && (!started || !allSynced())) {
            throw new ClusterUnavailableException(
                    "Tierdeck is still loading the cluster; try again once the banner is gone", false);
        }
        return latest.compileNow();
    }

    /** True while the first load is under way, or any watch is down or has not delivered its first list. */
    boolean stale() {
        List<SharedIndexInformer<GenericKubernetesResource>> all = running;
        if (!loaded || all.isEmpty()) {
            return true;
        }
        return all.stream().anyMatch(i -> !i.hasSynced() || !i.isWatching());
    }

    private boolean allSynced() {
        List<SharedIndexInformer<GenericKubernetesResource>> all = running;
        return !all.isEmpty() && all.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    @Override
    public synchronized void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
        running = List.of();
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

    /** Waits for events, rests, folds them into a new view; until the cache is closed. */
    private void publishLoop() {
        long pause = MIN_PAUSE.toNanos();
        while (!closed) {
            try {
                synchronized (lock) {
                    while (!closed && generation == view.generation() && !firstCompileDue()) {
                        // woken by events; the timeout notices informers that synced without an event
                        lock.wait(200);
                    }
                }
                if (closed) {
                    return;
                }
                Thread.sleep(Duration.ofNanos(pause));
                long began = System.nanoTime();
                publish();
                long took = System.nanoTime() - began;
                pause = Math.clamp(10 * took, MIN_PAUSE.toNanos(), MAX_PAUSE.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("updating the cluster view failed; retrying with the next change", e);
            }
        }
    }

    private boolean firstCompileDue() {
        return !loaded && listedCompletely();
    }

    /**
     * Every informer has listed, and its events have reached the store: an informer reports itself synced as soon
     * as its own cache holds the list, while the handlers (and so this store) may still be catching up.
     */
    private boolean listedCompletely() {
        if (!allSynced()) {
            return false;
        }
        Map<ClusterKind, SharedIndexInformer<GenericKubernetesResource>> all;
        synchronized (this) {
            all = new EnumMap<>(informers);
        }
        for (var e : all.entrySet()) {
            int listed = e.getValue().getStore().listKeys().size();
            synchronized (lock) {
                if (size(e.getKey()) < listed) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Folds the changes into a new view; one at a time (the background thread, or a reader of a small cluster). */
    private void publish() {
        synchronized (publishing) {
            publishLocked();
        }
    }

    private void publishLocked() {
        long gen;
        Map<ClusterKind, Map<String, Map<String, Object>>> changed = new EnumMap<>(ClusterKind.class);
        Map<ClusterKind, List<Map<String, Object>>> objects = new EnumMap<>(ClusterKind.class);
        boolean synced = loaded || listedCompletely();
        synchronized (lock) {
            gen = generation;
            objects.putAll(view.objects());
            dirty.forEach((kind, keys) -> {
                TreeMap<String, Map<String, Object>> byKey = store.getOrDefault(kind, new TreeMap<>());
                objects.put(kind, List.copyOf(byKey.values()));
                Map<String, Map<String, Object>> now = new HashMap<>();
                keys.keySet().forEach(key -> now.put(key, byKey.get(key)));
                changed.put(kind, now);
            });
            dirty.clear();
        }
        Manifests decoded = builder.decode(changed, view.decoded());
        CompiledCluster compiled = null;
        if (synced || loaded) {
            compiled = builder.compile(decoded);
        }
        view = new ClusterView(gen, clock.instant(), objects, decoded, compiled);
        if (compiled != null && !loaded) {
            loaded = true;
            log.info(
                    "Cluster loaded: {} objects listed, watched and compiled {} s after start-up",
                    decoded.objects().size(),
                    String.format("%.1f", (System.nanoTime() - createdAt) / 1e9));
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "Cluster view {} published: {} objects, newest resourceVersion {}, at {}",
                    gen,
                    decoded.objects().size(),
                    builder.newestResourceVersion(),
                    clock.millis());
        }
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
            synchronized (lock) {
                TreeMap<String, Map<String, Object>> byKey = store.get(kind);
                String key = key(resource);
                if (byKey != null && byKey.remove(key) != null) {
                    changed(key);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private void put(GenericKubernetesResource resource) {
            String key = key(resource);
            String version = resource.getMetadata().getResourceVersion();
            synchronized (lock) {
                Map<String, Object> current =
                        store.getOrDefault(kind, new TreeMap<>()).get(key);
                if (current != null && version != null && version.equals(ManifestMaps.resourceVersion(current))) {
                    // a resync or a relist hands back what is stored already
                    return;
                }
            }
            Map<String, Object> object = new LinkedHashMap<>();
            // list items come without apiVersion/kind from a real API server
            object.put("apiVersion", kind.apiVersion());
            object.put("kind", kind.kind());
            Map<String, Object> converted = client.getKubernetesSerialization().convertValue(resource, Map.class);
            converted.remove("apiVersion");
            converted.remove("kind");
            object.putAll(converted);
            // shared by every reader of every view from now on: nobody may change it
            Map<String, Object> frozen = ManifestMaps.frozen(object);
            synchronized (lock) {
                store.computeIfAbsent(kind, k -> new TreeMap<>()).put(key, frozen);
                changed(key);
            }
        }

        /** Marks the key for the next view; called with the lock held. */
        private void changed(String key) {
            dirty.computeIfAbsent(kind, k -> new HashMap<>()).put(key, Boolean.TRUE);
            generation++;
            lock.notifyAll();
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

    /** The newest resourceVersion folded into a published view (for measurements), or null. */
    @Nullable
    String publishedResourceVersion() {
        return Objects.toString(builder.newestResourceVersion(), null);
    }
}
