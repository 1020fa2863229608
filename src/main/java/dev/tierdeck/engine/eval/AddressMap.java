package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.IpAddress;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pod addresses to pod ids, in shards: a copy shares every shard with the original until it writes to one, so an
 * index derived for a few pods copies a few hundred entries rather than one per pod of the cluster.
 */
final class AddressMap {

    private static final int SHARDS = 256;

    private final Map<IpAddress, Integer>[] shards;
    /** Shards this map copied already (the others are shared and must be copied before a write). */
    private final BitSet owned;

    @SuppressWarnings("unchecked")
    AddressMap() {
        shards = new Map[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new HashMap<>();
        }
        owned = new BitSet(SHARDS);
        owned.set(0, SHARDS);
    }

    private AddressMap(AddressMap original) {
        shards = original.shards.clone();
        owned = new BitSet(SHARDS);
    }

    /** A copy to write to; the original must not be written to any more (it belongs to a published index). */
    AddressMap copy() {
        return new AddressMap(this);
    }

    @Nullable
    Integer get(@Nullable IpAddress address) {
        return address == null ? null : shard(address).get(address);
    }

    @Nullable
    Integer putIfAbsent(IpAddress address, int id) {
        Integer current = shard(address).get(address);
        if (current == null) {
            writable(address).put(address, id);
        }
        return current;
    }

    void put(IpAddress address, int id) {
        writable(address).put(address, id);
    }

    void remove(IpAddress address) {
        if (shard(address).containsKey(address)) {
            writable(address).remove(address);
        }
    }

    /** Removes the address only while it still maps to {@code id}. */
    void remove(IpAddress address, int id) {
        Integer current = shard(address).get(address);
        if (current != null && current == id) {
            writable(address).remove(address);
        }
    }

    private Map<IpAddress, Integer> shard(IpAddress address) {
        return shards[index(address)];
    }

    private Map<IpAddress, Integer> writable(IpAddress address) {
        int i = index(address);
        if (!owned.get(i)) {
            shards[i] = new HashMap<>(shards[i]);
            owned.set(i);
        }
        return shards[i];
    }

    private static int index(IpAddress address) {
        int h = address.hashCode();
        return (h ^ (h >>> 16)) & (SHARDS - 1);
    }
}
