package dev.tierdeck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class HeavyWorkTest {

    private final HeavyWork work = new HeavyWork(new HeavyWork.Settings(1, 1, Duration.ofSeconds(7)));

    @Test
    void runsWorkOffTheCallersThreadAndHandsBackItsResultOrItsFailure() {
        assertThat(work.run("preview", () -> Thread.currentThread().getName())).startsWith("heavy-work-");
        assertThatThrownBy(() -> work.run("preview", () -> {
                    throw new IllegalArgumentException("no such window");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such window");
    }

    @Test
    void refusesWorkBeyondTheThreadsAndTheQueueWith503AndRetryAfter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> work.run("preview", () -> {
                    running.countDown();
                    await(release);
                    return "first";
                }),
                callers);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> queued =
                CompletableFuture.supplyAsync(() -> work.run("preview", () -> "queued"), callers);
        waitUntilQueued();

        assertThatThrownBy(() -> work.run("preview", () -> "refused"))
                .isInstanceOfSatisfying(HeavyWork.Busy.class, busy -> {
                    assertThat(busy.getStatusCode().value()).isEqualTo(503);
                    assertThat(busy.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                            .isEqualTo("7");
                    assertThat(busy.getBody().getDetail())
                            .isEqualTo("The portal is busy with other previews; try again in 7 seconds.");
                });

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("queued");
        // room again once the work is done
        assertThat(work.run("preview", () -> "again")).isEqualTo("again");
    }

    private void waitUntilQueued() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (work.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(work.waiting()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
