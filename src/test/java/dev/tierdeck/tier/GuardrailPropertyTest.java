package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.Cidr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated rewrites, seeded so that a failure can be replayed: a random set of addresses or ports is written once
 * plainly and once cut up (split into smaller blocks, overlapping, host bits set, blocks expressed as a parent minus
 * its other half, spread over several rules in a random order), and both writings must get exactly the same
 * violations.
 */
class GuardrailPropertyTest {

    private static final int SEEDS = 300;
    private static final GuardrailRules DEFAULTS = GuardrailRules.DEFAULTS;
    private static final GuardrailRules ALLOW_LIST =
            GuardrailCorpus.rules(Map.of("egressCidrs", Map.of("allowed", List.of("10.0.0.0/8", "64.0.0.0/3"))));
    private static final GuardrailRules WEB_PORTS = GuardrailCorpus.rules(Map.of(
            "protocolsAndPorts", Map.of("protocols", List.of("TCP"), "ports", List.of("80", "443", "8000:8999"))));

    @Test
    void addressSetsGetTheSameVerdictHoweverTheyAreCutUp() {
        int tripped = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            List<Cidr> target = randomBlocks(random);
            for (boolean ingress : new boolean[] {true, false}) {
                for (GuardrailRules rules : List.of(DEFAULTS, ALLOW_LIST)) {
                    String plain = rules(ingress, List.of(List.of(nets(target, List.of()))));
                    String cut = rules(ingress, cutUp(target, random));
                    List<Violation> expected = GuardrailCorpus.check(plain, rules);
                    assertThat(GuardrailCorpus.check(cut, rules))
                            .as("seed %d, %s, %s", seed, ingress ? "ingress" : "egress", cut)
                            .isEqualTo(expected);
                    if (!ingress && rules == DEFAULTS) {
                        tripped += expected.stream().anyMatch(v -> v.guardrail().equals("egress-cidrs")) ? 1 : 0;
                    }
                }
            }
        }
        // Both verdicts occur often enough for the comparison to mean something.
        assertThat(tripped).isBetween(SEEDS / 4, SEEDS * 3 / 4);
    }

    @Test
    void portSetsGetTheSameVerdictHoweverTheyAreCutUp() {
        int tripped = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            List<int[]> ports = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(10) < 7) {
                    // inside the allowed ports
                    int from = 8000 + random.nextInt(1000);
                    ports.add(
                            switch (random.nextInt(3)) {
                                case 0 -> new int[] {80, 80};
                                case 1 -> new int[] {443, 443};
                                default -> new int[] {from, from + random.nextInt(9000 - from)};
                            });
                    continue;
                }
                int first = 1 + random.nextInt(65535);
                int last = Math.min(
                        65535, first + (random.nextBoolean() ? 0 : random.nextInt(random.nextBoolean() ? 100 : 40000)));
                ports.add(new int[] {first, last});
            }
            if (random.nextInt(10) == 0) {
                ports.add(new int[] {1, 65535});
            }
            List<int[]> target = ProtocolPorts.normalised(ports);
            String plain = "ingress: [" + portRule(target) + "]";
            List<String> pieces = new ArrayList<>();
            for (int[] r : target) {
                pieces.addAll(cutPorts(r, random));
            }
            Collections.shuffle(pieces, random);
            List<String> rules = new ArrayList<>();
            int rulesCount = 1 + random.nextInt(Math.min(3, pieces.size()));
            for (int i = 0; i < rulesCount; i++) {
                List<String> mine = new ArrayList<>();
                for (int j = i; j < pieces.size(); j += rulesCount) {
                    mine.add(pieces.get(j));
                }
                rules.add("{action: Allow, protocol: TCP, destination: {ports: [" + String.join(", ", mine) + "]}}");
            }
            String cut = "ingress: [" + String.join(", ", rules) + "]";
            List<Violation> expected = GuardrailCorpus.check(plain, WEB_PORTS);
            assertThat(GuardrailCorpus.check(cut, WEB_PORTS))
                    .as("seed %d: %s", seed, cut)
                    .isEqualTo(expected);
            tripped += expected.stream().anyMatch(v -> v.guardrail().equals("protocols-ports")) ? 1 : 0;
        }
        assertThat(tripped).isBetween(SEEDS / 4, SEEDS * 3 / 4);
    }

    /** A handful of random IPv4 blocks, most of them wide enough to reach many public addresses. */
    private static List<Cidr> randomBlocks(Random random) {
        List<Cidr> out = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int prefix = random.nextInt(4) == 0 ? 1 + random.nextInt(24) : 6 + random.nextInt(8);
            long address = random.nextLong(1L << 32);
            out.add(Cidr.parse(AddressRanges.format(BigInteger.valueOf(address), 32) + "/" + prefix));
        }
        return out;
    }

    /**
     * The same addresses in pieces: blocks split in halves (sometimes again), host bits set, some written as their
     * parent minus the other half, a few repeated as overlapping sub-blocks, all spread over rules in random order.
     */
    private static List<List<String>> cutUp(List<Cidr> target, Random random) {
        List<String> pieces = new ArrayList<>();
        List<String> parentsMinusHalves = new ArrayList<>();
        for (Cidr c : target) {
            for (Cidr piece : split(c, random, 2)) {
                if (piece.prefix() > 1 && random.nextInt(5) == 0) {
                    BigInteger base = AddressRanges.value(piece.address())
                            .andNot(BigInteger.ONE
                                    .shiftLeft(32 - piece.prefix())
                                    .subtract(BigInteger.ONE));
                    BigInteger sibling = base.flipBit(32 - piece.prefix());
                    String parent = AddressRanges.format(base, 32) + "/" + (piece.prefix() - 1);
                    String other = AddressRanges.format(sibling, 32) + "/" + piece.prefix();
                    parentsMinusHalves.add(parent + "|" + other);
                    continue;
                }
                pieces.add(withHostBits(piece, random));
                if (random.nextInt(4) == 0 && piece.prefix() < 32) {
                    pieces.add(withHostBits(new Cidr(piece.address(), piece.prefix() + 1), random));
                }
            }
        }
        Collections.shuffle(pieces, random);
        List<List<String>> rules = new ArrayList<>();
        int count = pieces.isEmpty() ? 0 : 1 + random.nextInt(Math.min(3, pieces.size()));
        for (int i = 0; i < count; i++) {
            List<String> mine = new ArrayList<>();
            for (int j = i; j < pieces.size(); j += count) {
                mine.add(pieces.get(j));
            }
            rules.add(List.of(nets(mine, List.of())));
        }
        for (String pm : parentsMinusHalves) {
            String[] p = pm.split("\\|");
            rules.add(List.of(nets(List.of(p[0]), List.of(p[1]))));
        }
        Collections.shuffle(rules, random);
        return rules;
    }

    private static List<Cidr> split(Cidr c, Random random, int depth) {
        if (depth == 0 || c.prefix() >= 30 || random.nextInt(3) == 0) {
            return List.of(c);
        }
        BigInteger base = AddressRanges.value(c.address())
                .andNot(BigInteger.ONE.shiftLeft(32 - c.prefix()).subtract(BigInteger.ONE));
        int prefix = c.prefix() + 1;
        List<Cidr> out = new ArrayList<>();
        for (BigInteger half : List.of(base, base.setBit(32 - prefix))) {
            out.addAll(split(Cidr.parse(AddressRanges.format(half, 32) + "/" + prefix), random, depth - 1));
        }
        return out;
    }

    private static String withHostBits(Cidr c, Random random) {
        BigInteger host = BigInteger.valueOf(random.nextLong(1L << (32 - c.prefix())));
        BigInteger base = AddressRanges.value(c.address())
                .andNot(BigInteger.ONE.shiftLeft(32 - c.prefix()).subtract(BigInteger.ONE));
        return AddressRanges.format(base.or(host), 32) + "/" + c.prefix();
    }

    private static String nets(List<?> nets, List<String> notNets) {
        return "{nets: ["
                + String.join(", ", nets.stream().map(Object::toString).toList()) + "]"
                + (notNets.isEmpty() ? "" : ", notNets: [" + String.join(", ", notNets) + "]") + "}";
    }

    private static String rules(boolean ingress, List<List<String>> peers) {
        List<String> out = new ArrayList<>();
        for (List<String> peer : peers) {
            out.add("{action: Allow, " + (ingress ? "source" : "destination") + ": " + peer.getFirst() + "}");
        }
        return (ingress ? "ingress" : "egress") + ": [" + String.join(", ", out) + "]";
    }

    private static String portRule(List<int[]> ranges) {
        return "{action: Allow, protocol: TCP, destination: {ports: ["
                + String.join(
                        ", ",
                        ranges.stream().map(r -> "'" + r[0] + ":" + r[1] + "'").toList()) + "]}}";
    }

    /** A range as pieces: split at random points, singles written as numbers, some overlapping their neighbour. */
    private static List<String> cutPorts(int[] r, Random random) {
        List<String> out = new ArrayList<>();
        int first = r[0];
        while (first <= r[1]) {
            int last = random.nextInt(3) == 0 ? r[1] : Math.min(r[1], first + random.nextInt(r[1] - first + 1));
            int overlapStart = Math.max(r[0], first - random.nextInt(3));
            int start = random.nextBoolean() ? overlapStart : first;
            out.add(start == last ? Integer.toString(last) : "'" + start + ":" + last + "'");
            first = last + 1;
        }
        return out;
    }
}
