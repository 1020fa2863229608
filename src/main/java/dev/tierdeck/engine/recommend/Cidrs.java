package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Outside addresses as the narrowest CIDRs that cover them: addresses that share a prefix at least {@code prefix} bits
 * long go into one CIDR of exactly their common prefix; wider groups are split at their first differing bit. A CIDR
 * never covers a forbidden address (one the user left out), unless it is that very address.
 */
final class Cidrs {

    static final Comparator<IpAddress> ORDER = Comparator.comparing(IpAddress::v6)
            .thenComparing(IpAddress::hi, Long::compareUnsigned)
            .thenComparing(IpAddress::lo, Long::compareUnsigned);

    private Cidrs() {}

    /** Covers {@code addresses} (one family) with CIDRs no wider than {@code prefix}, in address order. */
    static List<Cidr> cover(Collection<IpAddress> addresses, Collection<IpAddress> forbidden, int prefix) {
        TreeSet<IpAddress> distinct = new TreeSet<>(ORDER);
        distinct.addAll(addresses);
        List<Cidr> out = new ArrayList<>();
        cover(new ArrayList<>(distinct), forbidden, prefix, out);
        return out;
    }

    private static void cover(List<IpAddress> addresses, Collection<IpAddress> forbidden, int prefix, List<Cidr> out) {
        if (addresses.isEmpty()) {
            return;
        }
        IpAddress first = addresses.getFirst();
        int max = first.v6() ? 128 : 32;
        int common = max;
        for (IpAddress a : addresses) {
            common = Math.min(common, commonPrefix(first, a));
        }
        Cidr cidr = new Cidr(network(first, common), common);
        if (common == max || (common >= prefix && forbidden.stream().noneMatch(cidr::contains))) {
            out.add(cidr);
            return;
        }
        // Several addresses, differing at bit `common` (the first after their common prefix): each half on its own.
        List<IpAddress> zeros = new ArrayList<>();
        List<IpAddress> ones = new ArrayList<>();
        for (IpAddress a : addresses) {
            (bit(a, common) == 0 ? zeros : ones).add(a);
        }
        cover(zeros, forbidden, prefix, out);
        cover(ones, forbidden, prefix, out);
    }

    static int bit(IpAddress a, int i) {
        if (!a.v6()) {
            return (int) ((a.lo() >>> (31 - i)) & 1);
        }
        return (int) (i < 64 ? (a.hi() >>> (63 - i)) & 1 : (a.lo() >>> (127 - i)) & 1);
    }

    static int commonPrefix(IpAddress a, IpAddress b) {
        if (!a.v6()) {
            long x = (a.lo() ^ b.lo()) & 0xFFFF_FFFFL;
            return x == 0 ? 32 : Long.numberOfLeadingZeros(x) - 32;
        }
        long hi = a.hi() ^ b.hi();
        if (hi != 0) {
            return Long.numberOfLeadingZeros(hi);
        }
        long lo = a.lo() ^ b.lo();
        return lo == 0 ? 128 : 64 + Long.numberOfLeadingZeros(lo);
    }

    /** The address with every bit after the first {@code prefix} cleared. */
    static IpAddress network(IpAddress a, int prefix) {
        if (!a.v6()) {
            long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return new IpAddress(false, 0, a.lo() & mask);
        }
        long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new IpAddress(true, a.hi() & hiMask, a.lo() & loMask);
    }
}
