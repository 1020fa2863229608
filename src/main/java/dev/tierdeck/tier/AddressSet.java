package dev.tierdeck.tier;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Addresses of both IP families, and what the guardrails measure of them: which are public, and how to say so in
 * words that depend only on the set, never on how a rule wrote it.
 */
record AddressSet(AddressRanges v4, AddressRanges v6) {

    static final AddressSet NONE = new AddressSet(AddressRanges.empty(32), AddressRanges.empty(128));
    static final AddressSet ALL = new AddressSet(AddressRanges.full(32), AddressRanges.full(128));

    /** Addresses that are not reachable on the internet: private, shared, loopback, link-local, documentation... */
    private static final AddressRanges NOT_PUBLIC_V4 = blocks(
            32,
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4");

    static final AddressRanges PUBLIC_V4 = NOT_PUBLIC_V4.complement();

    /**
     * Global unicast, plus the local-use NAT64 prefix (it leads to the IPv4 internet), without the documentation
     * prefixes.
     */
    static final AddressRanges PUBLIC_V6 =
            blocks(128, "2000::/3", "64:ff9b:1::/48").minus(blocks(128, "2001:db8::/32", "3fff::/20"));

    /**
     * IPv6 blocks that carry an IPv4 address in their last 32 bits: IPv4-mapped addresses and the well-known NAT64
     * prefix. Addresses there stand for the IPv4 addresses they embed.
     */
    private static final List<AddressRanges> EMBEDDING_V4 =
            List.of(blocks(128, "::ffff:0:0/96"), blocks(128, "64:ff9b::/96"));

    static AddressSet of(Cidr cidr) {
        AddressRanges r = AddressRanges.of(cidr);
        return cidr.v6() ? new AddressSet(AddressRanges.empty(32), r) : new AddressSet(r, AddressRanges.empty(128));
    }

    static AddressSet family(boolean v4, boolean v6) {
        return new AddressSet(
                v4 ? AddressRanges.full(32) : AddressRanges.empty(32),
                v6 ? AddressRanges.full(128) : AddressRanges.empty(128));
    }

    private static AddressRanges blocks(int bits, String... cidrs) {
        List<AddressRanges> parts = new ArrayList<>();
        for (String c : cidrs) {
            parts.add(AddressRanges.of(Cidr.parse(c)));
        }
        return AddressRanges.union(bits, parts);
    }

    AddressSet union(AddressSet o) {
        return new AddressSet(v4.union(o.v4), v6.union(o.v6));
    }

    AddressSet intersect(AddressSet o) {
        return new AddressSet(v4.intersect(o.v4), v6.intersect(o.v6));
    }

    AddressSet minus(AddressSet o) {
        return new AddressSet(v4.minus(o.v4), v6.minus(o.v6));
    }

    boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }

    boolean contains(IpAddress address) {
        return (address.v6() ? v6 : v4).contains(AddressRanges.value(address));
    }

    /** Whether the set holds every address of at least one family. */
    boolean holdsAFamily() {
        return v4.isFull() || v6.isFull();
    }

    /**
     * The public addresses of the set, IPv4 addresses written as IPv6 (mapped or NAT64) counted with IPv4: what a
     * rule lets traffic reach on the internet.
     */
    AddressSet publicPart() {
        AddressRanges ipv4 = v4;
        for (AddressRanges block : EMBEDDING_V4) {
            ipv4 = ipv4.union(v6.embedded(block, 32));
        }
        return new AddressSet(ipv4.intersect(PUBLIC_V4), v6.intersect(PUBLIC_V6));
    }

    /**
     * The public addresses in words: "every public IPv4 address", "3,221,225,472 public IPv4 addresses (such as
     * 1.0.0.0/8)", joined with "and" for both families. Empty families are left out.
     */
    String describePublic() {
        List<String> parts = new ArrayList<>();
        boolean everyV4 = v4.equals(PUBLIC_V4);
        boolean everyV6 = v6.equals(PUBLIC_V6);
        if (everyV4 && everyV6) {
            return "every public IPv4 and IPv6 address";
        }
        if (!v4.isEmpty()) {
            parts.add(everyV4 ? "every public IPv4 address" : count(v4, "IPv4"));
        }
        if (!v6.isEmpty()) {
            parts.add(everyV6 ? "every public IPv6 address" : count(v6, "IPv6"));
        }
        return String.join(" and ", parts);
    }

    private static String count(AddressRanges r, String family) {
        BigInteger n = r.size();
        if (n.equals(BigInteger.ONE)) {
            return "the public " + family + " address " + r.blocks(1).getFirst().replaceAll("/\\d+$", "");
        }
        return amount(n) + " public " + family + " addresses (" + (r.blockCount() > 1 ? "such as " : "")
                + examples(r, 1) + ")";
    }

    /** The first blocks of a set and how many more there are: "192.168.1.0/24, 10.0.0.0/8 and 3 more blocks". */
    static String examples(AddressRanges r, int limit) {
        List<String> blocks = r.blocks(limit);
        long more = r.blockCount() - blocks.size();
        return String.join(", ", blocks) + (more > 0 ? " and " + more + " more block" + (more == 1 ? "" : "s") : "");
    }

    /** A count of addresses: exact up to IPv4 sizes, as a power of two or "more than 2^n" beyond. */
    static String amount(BigInteger n) {
        if (n.bitLength() <= 40) {
            return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
        }
        int exponent = n.bitLength() - 1;
        return n.bitCount() == 1 ? "2^" + exponent : "more than 2^" + exponent;
    }
}
