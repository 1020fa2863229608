package dev.tierdeck.tier;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A set of addresses of one IP family, as sorted, disjoint, non-adjacent inclusive ranges. Two sets with the same
 * addresses are equal however they were written: {@code 0.0.0.0/1} plus {@code 128.0.0.0/1} is {@code 0.0.0.0/0},
 * and {@code 10.0.0.1/8} is {@code 10.0.0.0/8}.
 */
final class AddressRanges {

    private final int bits;
    private final BigInteger[] lo;
    private final BigInteger[] hi;

    private AddressRanges(int bits, BigInteger[] lo, BigInteger[] hi) {
        this.bits = bits;
        this.lo = lo;
        this.hi = hi;
    }

    static AddressRanges empty(int bits) {
        return new AddressRanges(bits, new BigInteger[0], new BigInteger[0]);
    }

    static AddressRanges full(int bits) {
        return range(bits, BigInteger.ZERO, max(bits));
    }

    static AddressRanges range(int bits, BigInteger first, BigInteger last) {
        return new AddressRanges(bits, new BigInteger[] {first}, new BigInteger[] {last});
    }

    /** The block of a CIDR with its host bits cleared, as Calico matches it. */
    static AddressRanges of(Cidr cidr) {
        int bits = cidr.v6() ? 128 : 32;
        BigInteger address = value(cidr.address());
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - cidr.prefix()).subtract(BigInteger.ONE);
        BigInteger first = address.andNot(hostMask);
        return range(bits, first, first.or(hostMask));
    }

    static AddressRanges of(IpAddress address) {
        BigInteger v = value(address);
        return range(address.v6() ? 128 : 32, v, v);
    }

    /** The union of many blocks of one family, built in one pass. */
    static AddressRanges union(int bits, List<AddressRanges> parts) {
        List<BigInteger[]> all = new ArrayList<>();
        for (AddressRanges p : parts) {
            for (int i = 0; i < p.lo.length; i++) {
                all.add(new BigInteger[] {p.lo[i], p.hi[i]});
            }
        }
        return normalised(bits, all);
    }

    static BigInteger value(IpAddress a) {
        if (!a.v6()) {
            return BigInteger.valueOf(a.lo() & 0xFFFF_FFFFL);
        }
        return unsigned(a.hi()).shiftLeft(64).or(unsigned(a.lo()));
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    private static BigInteger max(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    private static AddressRanges normalised(int bits, List<BigInteger[]> ranges) {
        ranges.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
        List<BigInteger> los = new ArrayList<>();
        List<BigInteger> his = new ArrayList<>();
        for (BigInteger[] r : ranges) {
            int last = his.size() - 1;
            if (last >= 0 && r[0].compareTo(his.get(last).add(BigInteger.ONE)) <= 0) {
                if (r[1].compareTo(his.get(last)) > 0) {
                    his.set(last, r[1]);
                }
            } else {
                los.add(r[0]);
                his.add(r[1]);
            }
        }
        return new AddressRanges(bits, los.toArray(new BigInteger[0]), his.toArray(new BigInteger[0]));
    }

    int bits() {
        return bits;
    }

    boolean isEmpty() {
        return lo.length == 0;
    }

    boolean isFull() {
        return lo.length == 1 && lo[0].signum() == 0 && hi[0].equals(max(bits));
    }

    /** How many addresses the set holds. */
    BigInteger size() {
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < lo.length; i++) {
            n = n.add(hi[i].subtract(lo[i])).add(BigInteger.ONE);
        }
        return n;
    }

    boolean contains(BigInteger address) {
        int at = Arrays.binarySearch(lo, address);
        int i = at >= 0 ? at : -at - 2;
        return i >= 0 && hi[i].compareTo(address) >= 0;
    }

    AddressRanges union(AddressRanges other) {
        return union(bits, List.of(this, other));
    }

    AddressRanges intersect(AddressRanges other) {
        List<BigInteger[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < lo.length && j < other.lo.length) {
            BigInteger first = lo[i].max(other.lo[j]);
            BigInteger last = hi[i].min(other.hi[j]);
            if (first.compareTo(last) <= 0) {
                out.add(new BigInteger[] {first, last});
            }
            if (hi[i].compareTo(other.hi[j]) < 0) {
                i++;
            } else {
                j++;
            }
        }
        return normalised(bits, out);
    }

    AddressRanges minus(AddressRanges other) {
        return intersect(other.complement());
    }

    AddressRanges complement() {
        List<BigInteger[]> out = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        for (int i = 0; i < lo.length; i++) {
            if (lo[i].compareTo(next) > 0) {
                out.add(new BigInteger[] {next, lo[i].subtract(BigInteger.ONE)});
            }
            next = hi[i].add(BigInteger.ONE);
        }
        if (next.compareTo(max(bits)) <= 0) {
            out.add(new BigInteger[] {next, max(bits)});
        }
        return new AddressRanges(
                bits,
                out.stream().map(r -> r[0]).toArray(BigInteger[]::new),
                out.stream().map(r -> r[1]).toArray(BigInteger[]::new));
    }

    /** The addresses of another family's set that this family's block embeds at its end (mapped IPv4 in IPv6). */
    AddressRanges embedded(AddressRanges block, int embeddedBits) {
        AddressRanges inside = intersect(block);
        BigInteger base = block.lo[0];
        List<BigInteger[]> out = new ArrayList<>();
        for (int i = 0; i < inside.lo.length; i++) {
            out.add(new BigInteger[] {inside.lo[i].subtract(base), inside.hi[i].subtract(base)});
        }
        return normalised(embeddedBits, out);
    }

    /**
     * The fewest CIDR blocks that make up the set, in address order, at most {@code limit} of them; {@link
     * #blockCount()} says how many there are in all.
     */
    List<String> blocks(int limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lo.length && out.size() < limit; i++) {
            BigInteger first = lo[i];
            while (first.compareTo(hi[i]) <= 0 && out.size() < limit) {
                int size = largestBlock(first, hi[i]);
                out.add(format(first, bits) + "/" + (bits - size));
                first = first.add(BigInteger.ONE.shiftLeft(size));
            }
        }
        return out;
    }

    long blockCount() {
        long n = 0;
        for (int i = 0; i < lo.length; i++) {
            BigInteger first = lo[i];
            while (first.compareTo(hi[i]) <= 0) {
                int size = largestBlock(first, hi[i]);
                first = first.add(BigInteger.ONE.shiftLeft(size));
                n++;
            }
        }
        return n;
    }

    /** Host bits of the largest aligned block that starts at {@code first} and ends at or before {@code last}. */
    private int largestBlock(BigInteger first, BigInteger last) {
        int size = first.signum() == 0 ? bits : first.getLowestSetBit();
        while (size > 0
                && first.add(BigInteger.ONE.shiftLeft(size))
                                .subtract(BigInteger.ONE)
                                .compareTo(last)
                        > 0) {
            size--;
        }
        return size;
    }

    /** An address in its usual text: dotted IPv4, or IPv6 with the longest run of zero groups as {@code ::}. */
    static String format(BigInteger value, int bits) {
        if (bits == 32) {
            long v = value.longValue();
            return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
        }
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = value.shiftRight(16 * (7 - g)).intValue() & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int end = g;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - g > bestLength) {
                bestStart = g;
                bestLength = end - g;
            }
            g = end;
        }
        StringBuilder s = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                s.append("::");
                g += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[g]));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRanges r && r.bits == bits && Arrays.equals(r.lo, lo) && Arrays.equals(r.hi, hi);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lo) * 31 + Arrays.hashCode(hi);
    }

    @Override
    public String toString() {
        return String.join(", ", blocks(16));
    }
}
