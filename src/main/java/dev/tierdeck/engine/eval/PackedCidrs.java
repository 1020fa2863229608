package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import org.jspecify.annotations.Nullable;

/**
 * A rule side's {@code nets} or {@code notNets} as masks and values over the two 64-bit words of an address, in
 * one array instead of a CIDR and an address object per entry. Same answers as {@link Cidr#contains}: the family
 * must match, then the masked words.
 */
final class PackedCidrs {

    private static final int STRIDE = 5;

    /** Per CIDR: 1 for IPv6 (else 0), mask and value of the high word, mask and value of the low word. */
    private final long[] words;

    PackedCidrs(Cidr[] cidrs) {
        words = new long[cidrs.length * STRIDE];
        for (int i = 0; i < cidrs.length; i++) {
            IpAddress a = cidrs[i].address();
            int prefix = cidrs[i].prefix();
            long maskHi;
            long maskLo;
            if (!a.v6()) {
                maskHi = 0;
                maskLo = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            } else if (prefix <= 64) {
                maskHi = prefix == 0 ? 0 : -1L << (64 - prefix);
                maskLo = 0;
            } else {
                maskHi = -1L;
                maskLo = -1L << (128 - prefix);
            }
            int w = i * STRIDE;
            words[w] = a.v6() ? 1 : 0;
            words[w + 1] = maskHi;
            words[w + 2] = a.hi() & maskHi;
            words[w + 3] = maskLo;
            words[w + 4] = a.lo() & maskLo;
        }
    }

    /** Whether one of the CIDRs contains the address ({@code false} when there is no address). */
    boolean containsAny(@Nullable IpAddress ip) {
        if (ip == null) {
            return false;
        }
        long family = ip.v6() ? 1 : 0;
        long hi = ip.hi();
        long lo = ip.lo();
        long[] c = words;
        for (int w = 0; w < c.length; w += STRIDE) {
            if (c[w] == family && (hi & c[w + 1]) == c[w + 2] && (lo & c[w + 3]) == c[w + 4]) {
                return true;
            }
        }
        return false;
    }
}
