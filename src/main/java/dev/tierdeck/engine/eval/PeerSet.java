package dev.tierdeck.engine.eval;

import java.util.BitSet;

/**
 * The members of a rule peer (a resolved {@link PeerMatcher}) in the shape the verdict-only path reads: the pod
 * part as a base and a 64-bit mask when it is small enough, else as a plain word array trimmed to the words that
 * hold members. Same answers as {@link MemberSpec.Members}.
 */
final class PeerSet {

    /** The words of the pod bits from {@link #firstWord} on (none for a small set). */
    private final long[] words;

    private final int firstWord;
    private final BitSet netsets;
    /**
     * Whether every member is a pod within 64 consecutive pod ids (a namespaced selector's members are: a
     * namespace's pods are numbered consecutively), so that the set fits in {@link #base} and {@link #mask}.
     */
    final boolean small;

    final int base;
    final long mask;

    PeerSet(BitSet p, BitSet netsets) {
        this.netsets = netsets;
        int first = Math.max(0, p.nextSetBit(0));
        int last = p.length() - 1;
        this.small = netsets.isEmpty() && last - first < 64;
        this.base = first;
        this.firstWord = first >>> 6;
        long[] all = small ? new long[0] : p.toLongArray();
        this.words = java.util.Arrays.copyOfRange(all, Math.min(firstWord, all.length), all.length);
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
        if (small) {
            return hasPod(base, mask, pod);
        }
        int word = (pod >> 6) - firstWord;
        return pod >= 0 && word >= 0 && word < words.length && (words[word] & (1L << pod)) != 0;
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
