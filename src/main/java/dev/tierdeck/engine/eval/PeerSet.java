package dev.tierdeck.engine.eval;

import java.util.BitSet;

/**
 * The members of a rule peer (a resolved {@link PeerMatcher}) in the shape the verdict-only path reads: the pod
 * part as a plain word array, so a membership test is one array read instead of a walk through the bit set's
 * object. Same answers as {@link MemberSpec.Members}.
 */
final class PeerSet {

    private final long[] pods;
    private final BitSet netsets;
    /**
     * Whether every member is a pod within 64 consecutive pod ids (a namespaced selector's members are: a
     * namespace's pods are numbered consecutively), so that the set fits in {@link #base} and {@link #mask}.
     */
    final boolean small;

    final int base;
    final long mask;

    PeerSet(BitSet p, BitSet netsets) {
        this.pods = p.toLongArray();
        this.netsets = netsets;
        int first = Math.max(0, p.nextSetBit(0));
        int last = p.length() - 1;
        this.small = netsets.isEmpty() && last - first < 64;
        this.base = first;
        long m = 0;
        if (small) {
            for (int pod = p.nextSetBit(0); pod >= 0; pod = p.nextSetBit(pod + 1)) {
                m |= 1L << (pod - first);
            }
        }
        this.mask = m;
    }

    /** Membership in a {@link #small} set held as its base and mask. */
    static boolean hasPod(int base, long mask, int pod) {
        int offset = pod - base;
        return offset >= 0 && offset < 64 && (mask >>> offset & 1) != 0;
    }

    /** Whether the pod itself (not a network set containing its address) is a member. */
    boolean hasPod(int pod) {
        int word = pod >>> 6;
        return pod >= 0 && word < pods.length && (pods[word] & (1L << pod)) != 0;
    }

    /** As {@link MemberSpec.Members#contains}: the pod, or one of the network sets containing the address. */
    boolean contains(int pod, int[] netsetIds) {
        if (hasPod(pod)) {
            return true;
        }
        for (int s : netsetIds) {
            if (netsets.get(s)) {
                return true;
            }
        }
        return false;
    }
}
