package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.policy.PolicyRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One-time promotion keys in the real (embedded) PostgreSQL. */
@PromotionTest
class PromotionKeysTest {

    private static final PolicyRef REF = PolicyRef.namespaced("payments", "store-keys");

    @Autowired
    PromotionKeys keys;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forget() {
        jdbc.sql("delete from promotion_key where policy_name like 'store-%'").update();
    }

    @Test
    void theFirstRequestClaimsAKeyAndLaterOnesGetItsResult() {
        assertThat(keys.claim("key-1", REF, "alice", Duration.ZERO)).isInstanceOf(PromotionKeys.Claim.First.class);
        keys.complete("key-1", "{\"version\":1}");

        assertThat(keys.claim("key-1", REF, "alice", Duration.ZERO))
                .isEqualTo(new PromotionKeys.Claim.Done("{\"version\": 1}"));
    }

    @Test
    void aKeyIsNeverReusedForAnotherPolicyOrPerson() {
        keys.claim("key-2", REF, "alice", Duration.ZERO);

        assertThatThrownBy(() -> keys.claim("key-2", REF, "bob", Duration.ZERO))
                .isInstanceOf(PromotionProblem.class)
                .hasMessageContaining("already used for another promotion");
        assertThatThrownBy(() ->
                        keys.claim("key-2", PolicyRef.namespaced("payments", "store-other"), "alice", Duration.ZERO))
                .isInstanceOf(PromotionProblem.class)
                .hasMessageContaining("already used for another promotion");
    }

    @Test
    void aReleasedKeyMayBeTriedAgain() {
        keys.claim("key-3", REF, "alice", Duration.ZERO);
        keys.release("key-3");

        assertThat(keys.claim("key-3", REF, "alice", Duration.ZERO)).isInstanceOf(PromotionKeys.Claim.First.class);
    }

    @Test
    void aSecondRequestWaitsForTheFirstAndAnswersWithItsResult() throws Exception {
        keys.claim("key-4", REF, "alice", Duration.ZERO);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<PromotionKeys.Claim> second = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return keys.claim("key-4", REF, "alice", Duration.ofSeconds(10));
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(second).isNotDone();

        keys.complete("key-4", "{\"version\":7}");

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(new PromotionKeys.Claim.Done("{\"version\": 7}"));
    }

    @Test
    void aKeyStillInProgressAfterThePatienceIsAConflict() {
        keys.claim("key-5", REF, "alice", Duration.ZERO);

        assertThatThrownBy(() -> keys.claim("key-5", REF, "alice", Duration.ofMillis(100)))
                .isInstanceOfSatisfying(
                        PromotionProblem.class,
                        e -> assertThat(e.status().value()).isEqualTo(409));
    }

    @Test
    void refusesAKeyWithSpacesOrTooLong() {
        assertThatThrownBy(() -> keys.claim("two words", REF, "alice", Duration.ZERO))
                .isInstanceOf(PromotionProblem.class)
                .hasMessageContaining("Idempotency-Key");
        assertThatThrownBy(() -> keys.claim("k".repeat(201), REF, "alice", Duration.ZERO))
                .isInstanceOf(PromotionProblem.class);
    }
}
