package dev.tierdeck.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** How far the demo cluster's seeding has come; done in the background so that the portal serves meanwhile. */
final class SeedProgress {

    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private volatile @Nullable String problem;

    SeedProgress(int total) {
        this.total = total;
    }

    /** No seeding: a real cluster. */
    static SeedProgress none() {
        return new SeedProgress(0);
    }

    int total() {
        return total;
    }

    int done() {
        return done.get();
    }

    void done(int objects) {
        done.set(objects);
    }

    @Nullable
    String problem() {
        return problem;
    }

    void failed(String message) {
        problem = message;
    }
}
