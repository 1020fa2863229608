package dev.tierdeck.flow.goldmane;

import java.time.Instant;

/** Flows received per minute, over a sliding window of 60 one-second slots. */
final class FlowRate {

    private final long[] counts = new long[60];
    private final long[] seconds = new long[60];

    synchronized void record(Instant now, int n) {
        long s = now.getEpochSecond();
        int i = (int) Math.floorMod(s, 60L);
        if (seconds[i] != s) {
            seconds[i] = s;
            counts[i] = 0;
        }
        counts[i] += n;
    }

    synchronized long perMinute(Instant now) {
        long s = now.getEpochSecond();
        long sum = 0;
        for (int i = 0; i < 60; i++) {
            if (s - seconds[i] < 60) {
                sum += counts[i];
            }
        }
        return sum;
    }
}
