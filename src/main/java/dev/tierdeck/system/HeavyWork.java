package dev.tierdeck.system;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Runs the CPU-heavy part of a request (a preview over a week of flows, say) on a few platform threads with a
 * bounded queue. Requests run on virtual threads over as many carriers as there are cores: work that computes for
 * seconds on a carrier keeps every other request (and whatever database connection it holds) from running. Here the
 * caller parks while it waits, which frees its carrier; and when the queue is full the request is refused at once
 * with 503 and Retry-After ({@link Busy}) instead of piling up. The caller holds no database connection while it
 * waits unless it runs in a transaction: call this outside one.
 */
@Component
@EnableConfigurationProperties(HeavyWork.Settings.class)
public class HeavyWork implements DisposableBean {

    private final ThreadPoolExecutor executor;
    private final Duration retryAfter;

    public HeavyWork(Settings settings) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()),
                r -> {
                    Thread t = new Thread(r, "heavy-work-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.retryAfter = settings.retryAfter();
    }

    /**
     * The result of {@code work}, computed on one of the heavy-work threads with the caller's security context.
     *
     * @throws Busy when as much heavy work as the portal takes on is running and waiting already
     */
    public <T> T run(String what, Supplier<T> work) {
        Future<T> future;
        try {
            future = executor.submit(new DelegatingSecurityContextCallable<>(work::get));
        } catch (RejectedExecutionException full) {
            throw new Busy(what, retryAfter);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException(what + " was cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Tasks waiting for a thread right now. */
    public int waiting() {
        return executor.getQueue().size();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** Too much heavy work at once: 503 with a Retry-After header, the problem naming what was refused. */
    public static final class Busy extends ErrorResponseException {

        Busy(String what, Duration retryAfter) {
            super(HttpStatus.SERVICE_UNAVAILABLE);
            setDetail("The portal is busy with other " + what + "s; try again in " + retryAfter.toSeconds()
                    + " seconds.");
            getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        }
    }

    /**
     * Settings of heavy work ({@code tierdeck.heavy-work.*}).
     *
     * @param threads how many heavy tasks run at once; leave a core to the other requests
     * @param queue how many more wait for a thread before further ones are refused
     * @param retryAfter what a refused request is told to wait
     */
    @ConfigurationProperties("tierdeck.heavy-work")
    public record Settings(
            @DefaultValue("1") int threads,
            @DefaultValue("4") int queue,
            @DefaultValue("5s") Duration retryAfter) {

        public Settings {
            if (threads < 1 || queue < 1) {
                throw new IllegalArgumentException("tierdeck.heavy-work.threads and .queue must be at least 1");
            }
        }
    }
}
