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

    PeerSet(MemberSpec.Members members) {
        this.pods = members.pods().toLongArray();
        this.netsets = members.netsets();
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
