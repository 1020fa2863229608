package dev.tierdeck.promotion;

import dev.tierdeck.policy.PolicyRef;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time promotion keys (table {@code promotion_key}). The first request with a key claims it (the primary key
 * settles races between concurrent requests); later requests with the same key wait for the first one's result and
 * get it back, so a key never promotes twice. A request that fails without changing anything releases its key.
 */
@Repository
class PromotionKeys {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final Duration POLL = Duration.ofMillis(50);

    private final JdbcClient jdbc;
    private final Clock clock;

    PromotionKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** What a request holding a key should do. */
    sealed interface Claim {
        /** The request is the first with this key: go ahead, then {@link #complete} or {@link #release}. */
        record First() implements Claim {}

        /** An earlier request with this key finished: answer with its result. */
        record Done(String resultJson) implements Claim {}
    }

    static void requireValid(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new PromotionProblem(
                    HttpStatus.BAD_REQUEST,
                    "The Idempotency-Key must be 1 to 200 printable characters without spaces.");
        }
    }

    /**
     * Claims {@code key} for a promotion of {@code ref} by {@code username}, or waits up to {@code patience} for the
     * request that holds it. Must run outside any transaction, so that concurrent requests see the claim at once.
     */
    Claim claim(String key, PolicyRef ref, String username, Duration patience) {
        requireValid(key);
        Instant deadline = clock.instant().plus(patience);
        while (true) {
            int inserted = jdbc.sql("""
                            insert into promotion_key (idempotency_key, namespace, policy_name, requested_by,
                                created_at, status)
                            values (:key, :namespace, :name, :user, :at, 'IN_PROGRESS')
                            on conflict (idempotency_key) do nothing""")
                    .param("key", key)
                    .param("namespace", ref.namespace())
                    .param("name", ref.name())
                    .param("user", username)
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
            if (inserted == 1) {
                return new Claim.First();
            }
            Optional<Held> held = held(key);
            if (held.isEmpty()) {
                continue; // released meanwhile: claim it afresh
            }
            Held h = held.get();
            if (!h.user().equals(username)
                    || !h.name().equals(ref.name())
                    || !Objects.equals(h.namespace(), ref.namespace())) {
                throw new PromotionProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "This Idempotency-Key was already used for another promotion; send a new key.");
            }
            if (h.result() != null) {
                return new Claim.Done(h.result());
            }
            if (clock.instant().isAfter(deadline)) {
                throw new PromotionProblem(
                        HttpStatus.CONFLICT,
                        "A promotion with this key is still running; ask again in a moment for its result.");
            }
            sleep();
        }
    }

    /** Stores the result of the claimed promotion; call inside the transaction that records the promotion. */
    void complete(String key, String resultJson) {
        jdbc.sql("update promotion_key set status = 'DONE', result_json = cast(:result as jsonb)"
                        + " where idempotency_key = :key")
                .param("result", resultJson)
                .param("key", key)
                .update();
    }

    /** Gives the key back after a request that changed nothing, so that it may be tried again. */
    void release(String key) {
        jdbc.sql("delete from promotion_key where idempotency_key = :key and status = 'IN_PROGRESS'")
                .param("key", key)
                .update();
    }

    private record Held(
            @Nullable String namespace,
            String name,
            String user,
            @Nullable String result) {}

    private Optional<Held> held(String key) {
        return jdbc.sql("select namespace, policy_name, requested_by, result_json::text as result"
                        + " from promotion_key where idempotency_key = :key")
                .param("key", key)
                .query((rs, n) -> new Held(
                        rs.getString("namespace"),
                        rs.getString("policy_name"),
                        rs.getString("requested_by"),
                        rs.getString("result")))
                .optional();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromotionProblem(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted while waiting for a promotion.");
        }
    }
}
