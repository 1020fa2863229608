package dev.tierdeck.engine.eval;

import org.jspecify.annotations.Nullable;

/**
 * Verdicts already decided during one batch, keyed by the classes of both endpoints, the protocol and the
 * destination port packed into a long: an open-addressing table, so a repeated verdict costs one probe.
 */
final class VerdictMemo {

    private static final byte ALLOW = 1;
    private static final byte DENY = 2;

    private long[] keys = new long[1 << 16];
    private byte[] values = new byte[1 << 16];
    private int size;

    /**
     * The key for a flow, or -1 when the flow carries a source port or ICMP fields, or an endpoint has no class
     * (such flows are evaluated directly).
     */
    static long key(int srcClass, int dstClass, FlowContext f) {
        if (srcClass < 0
                || dstClass < 0
                || f.srcPort >= 0
                || f.icmpType >= 0
                || f.icmpCode >= 0
                || f.protocol < 0
                || f.protocol > 255
                || f.dstPort > 65_534) {
            return -1;
        }
        return ((long) srcClass | (long) dstClass << 19 | (long) f.protocol << 38 | (long) (f.dstPort + 1) << 46) + 1;
    }

    /** The remembered verdict, or {@code null}. */
    @Nullable
    Verdict get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i] == ALLOW ? Verdict.Allow : Verdict.Deny;
            }
            if (k == 0) {
                return null;
            }
        }
    }

    void put(long key, Verdict v) {
        if (size * 2 >= keys.length) {
            grow();
        }
        insert(key, v == Verdict.Allow ? ALLOW : DENY);
    }

    private void insert(long key, byte value) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new byte[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
