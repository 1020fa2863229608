package dev.tierdeck.cluster.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.lang.reflect.Field;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * fabric8's CRUD store with the lookups of one object (create's existence check, get, replace, patch and delete by
 * name) answered from an index by name and namespace. The store itself examines every stored object for each of
 * them, which makes loading an estate of tens of thousands of objects quadratic. Lists and watches stay as they are
 * (they visit every object anyway).
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final String NAME = KubernetesAttributesExtractor.NAME;
    private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;
    private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;

    /** Stored keys by name, then namespace ("" for cluster-scoped objects). */
    private final Map<String, Map<String, List<AttributeSet>>> byName = new HashMap<>();
    /** The store's own lock: its handlers mutate under the write lock, and so must a delete served from here. */
    private final ReadWriteLock storeLock;

    private final LongAdder examined = new LongAdder();

    IndexedCrudDispatcher(List<CustomResourceDefinitionContext> crdContexts) {
        super(crdContexts);
        this.storeLock = storeLock(this);
    }

    private static ReadWriteLock storeLock(KubernetesCrudDispatcher dispatcher) {
        try {
            Field field = KubernetesCrudDispatcher.class.getDeclaredField("lock");
            field.setAccessible(true);
            return (ReadWriteLock) field.get(dispatcher);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "this version of fabric8's mock API server has no store lock the demo cluster can share", e);
        }
    }

    /** How many stored keys the lookups by name have compared so far (a measure of their cost, for tests). */
    long examinedKeys() {
        return examined.sum();
    }

    @Override
    public Map.@Nullable Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        // called by the store's handlers with its lock held
        if (!attributes.containsKey(NAME)) {
            return super.findResource(attributes);
        }
        return lookup(attributes);
    }

    @Override
    public MockResponse handleGet(String path) {
        AttributeSet query = getKey(path);
        if (watch(path) || !query.containsKey(NAME)) {
            return super.handleGet(path);
        }
        Map.Entry<AttributeSet, String> found = locked(storeLock.readLock(), () -> lookup(query));
        return found == null
                ? new MockResponse().setResponseCode(404)
                : new MockResponse().setResponseCode(200).setBody(found.getValue());
    }

    @Override
    public MockResponse handleDelete(String path) {
        AttributeSet query = getKey(path);
        if (!query.containsKey(NAME)) {
            return super.handleDelete(path);
        }
        return locked(storeLock.writeLock(), () -> {
            Map.Entry<AttributeSet, String> found = lookup(query);
            if (found == null) {
                return new MockResponse().setResponseCode(404);
            }
            delete(path, query, found);
            return new MockResponse().setResponseCode(200).setBody(found.getValue());
        });
    }

    /** As the store deletes: at once without finalizers, else marked for deletion until they are gone. */
    private void delete(String path, AttributeSet query, Map.Entry<AttributeSet, String> found) {
        GenericKubernetesResource resource = Serialization.unmarshal(found.getValue(), GenericKubernetesResource.class);
        if (resource.getFinalizers().isEmpty()) {
            processEvent(path, query, found.getKey(), null, null);
        } else if (!resource.isMarkedForDeletion()) {
            resource.getMetadata()
                    .setDeletionTimestamp(ZonedDateTime.now(ZoneOffset.UTC)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
            processEvent(path, query, found.getKey(), resource, Serialization.asJson(resource));
        }
    }

    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            @Nullable AttributeSet oldAttributes,
            @Nullable GenericKubernetesResource resource,
            @Nullable String newState) {
        // called with the store's write lock held: the index changes with the store
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        if (oldAttributes != null) {
            unindex(oldAttributes);
        }
        if (newState != null) {
            index(storedKey(pathAttributes, resource, newState));
        }
    }

    @Override
    public void reset() {
        locked(storeLock.writeLock(), () -> {
            byName.clear();
            return null;
        });
        super.reset();
    }

    /** The key the store files a new state under (the same rule as the store's own). */
    private AttributeSet storedKey(
            AttributeSet pathAttributes, @Nullable GenericKubernetesResource resource, String newState) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        return key.containsKey(PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    private Map.@Nullable Entry<AttributeSet, String> lookup(AttributeSet query) {
        Map<String, List<AttributeSet>> byNamespace = byName.get(value(query, NAME));
        if (byNamespace == null) {
            return null;
        }
        String namespace = value(query, NAMESPACE);
        List<List<AttributeSet>> candidates = namespace != null
                ? List.of(byNamespace.getOrDefault(namespace, List.of()))
                : List.copyOf(byNamespace.values());
        for (List<AttributeSet> keys : candidates) {
            for (AttributeSet key : keys) {
                examined.increment();
                if (key.matches(query)) {
                    String stored = map.get(key);
                    if (stored != null) {
                        return new AbstractMap.SimpleImmutableEntry<>(key, stored);
                    }
                }
            }
        }
        return null;
    }

    private void index(AttributeSet key) {
        String name = value(key, NAME);
        if (name != null) {
            byName.computeIfAbsent(name, n -> new HashMap<>())
                    .computeIfAbsent(namespaceOf(key), n -> new ArrayList<>(1))
                    .add(key);
        }
    }

    private void unindex(AttributeSet key) {
        String name = value(key, NAME);
        Map<String, List<AttributeSet>> byNamespace = name == null ? null : byName.get(name);
        if (byNamespace == null) {
            return;
        }
        String namespace = namespaceOf(key);
        List<AttributeSet> keys = byNamespace.get(namespace);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            byNamespace.remove(namespace);
            if (byNamespace.isEmpty()) {
                byName.remove(name);
            }
        }
    }

    private static String namespaceOf(AttributeSet key) {
        String namespace = value(key, NAMESPACE);
        return namespace == null ? "" : namespace;
    }

    private static @Nullable String value(AttributeSet set, String attribute) {
        Attribute a = set.getAttribute(attribute);
        return a == null || a.getValues().isEmpty()
                ? null
                : a.getValues().getFirst().toString();
    }

    /** As the store tells a watch from a get: by the query string. */
    private static boolean watch(String path) {
        int q = path.indexOf('?');
        return q >= 0 && path.substring(q).contains("watch=true");
    }

    private static <T> T locked(Lock lock, java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
