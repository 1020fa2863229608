package dev.tierdeck.engine.synthetic;

import java.util.List;
import java.util.Random;

/** A seeded random source with the few choices the generators need. */
final class Dice {

    private final Random random;

    Dice(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int min, int maxInclusive) {
        return min + random.nextInt(maxInclusive - min + 1);
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
