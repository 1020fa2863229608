package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A set of addresses of one IP family: sorted, disjoint, half-open intervals of the addresses read as unsigned
 * integers (32 bits for IPv4, 128 for IPv6). Used to cut an address range into the regions a set of CIDRs cannot
 * tell apart.
 */
final class AddressSpace {

    /** {@code [from, to)}. */
    record Interval(BigInteger from, BigInteger to) {}

    final boolean v6;
    final List<Interval> intervals;

    private AddressSpace(boolean v6, List<Interval> intervals) {
        this.v6 = v6;
        this.intervals = List.copyOf(intervals);
    }

    static AddressSpace empty(boolean v6) {
        return new AddressSpace(v6, List.of());
    }

    /** Every address of the family. */
    static AddressSpace everything(boolean v6) {
        return new AddressSpace(v6, List.of(new Interval(BigInteger.ZERO, size(v6))));
    }

    /** The addresses in any of the CIDRs of this family (CIDRs of the other family are left out). */
    static AddressSpace union(boolean v6, Collection<Cidr> cidrs) {
        List<Interval> all = new ArrayList<>();
        for (Cidr c : cidrs) {
            if (c.v6() == v6) {
                all.add(interval(c));
            }
        }
        all.sort((a, b) -> a.from.compareTo(b.from));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : all) {
            Interval last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && i.from.compareTo(last.to) <= 0) {
                merged.set(merged.size() - 1, new Interval(last.from, last.to.max(i.to)));
            } else {
                merged.add(i);
            }
        }
        return new AddressSpace(v6, merged);
    }

    /** The addresses of this set that are not in {@code other} (of the same family). */
    AddressSpace minus(AddressSpace other) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : intervals) {
            BigInteger from = i.from;
            for (Interval o : other.intervals) {
                if (o.to.compareTo(from) <= 0 || o.from.compareTo(i.to) >= 0) {
                    continue;
                }
                if (o.from.compareTo(from) > 0) {
                    out.add(new Interval(from, o.from));
                }
                from = from.max(o.to);
            }
            if (from.compareTo(i.to) < 0) {
                out.add(new Interval(from, i.to));
            }
        }
        return new AddressSpace(v6, out);
    }

    boolean isEmpty() {
        return intervals.isEmpty();
    }

    boolean contains(@Nullable IpAddress ip) {
        if (ip == null || ip.v6() != v6) {
            return false;
        }
        BigInteger v = value(ip);
        for (Interval i : intervals) {
            if (i.from.compareTo(v) <= 0 && v.compareTo(i.to) < 0) {
                return true;
            }
        }
        return false;
    }

    /** This set cut at every boundary of the given CIDRs (those of this family): no CIDR starts or ends inside. */
    List<Interval> regions(Collection<Cidr> cuts) {
        NavigableSet<BigInteger> points = new TreeSet<>();
        for (Cidr c : cuts) {
            if (c.v6() == v6) {
                Interval i = interval(c);
                points.add(i.from);
                points.add(i.to);
            }
        }
        List<Interval> out = new ArrayList<>();
        for (Interval i : intervals) {
            BigInteger from = i.from;
            for (BigInteger p : points.subSet(i.from, false, i.to, false)) {
                out.add(new Interval(from, p));
                from = p;
            }
            out.add(new Interval(from, i.to));
        }
        return out;
    }

    static Interval interval(Cidr c) {
        int bits = c.v6() ? 128 : 32;
        BigInteger length = BigInteger.ONE.shiftLeft(bits - c.prefix());
        BigInteger from = value(c.address()).andNot(length.subtract(BigInteger.ONE));
        return new Interval(from, from.add(length));
    }

    private static BigInteger size(boolean v6) {
        return BigInteger.ONE.shiftLeft(v6 ? 128 : 32);
    }

    static BigInteger value(IpAddress ip) {
        if (!ip.v6()) {
            return BigInteger.valueOf(ip.lo() & 0xFFFF_FFFFL);
        }
        return unsigned(ip.hi()).shiftLeft(64).or(unsigned(ip.lo()));
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    static IpAddress address(boolean v6, BigInteger value) {
        return v6
                ? new IpAddress(true, value.shiftRight(64).longValue(), value.longValue())
                : new IpAddress(false, 0, value.longValue() & 0xFFFF_FFFFL);
    }
}
