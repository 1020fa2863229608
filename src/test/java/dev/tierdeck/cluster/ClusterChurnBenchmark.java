package dev.tierdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.demo.DemoCluster;
import dev.tierdeck.engine.synthetic.LargeCluster;
import dev.tierdeck.engine.synthetic.ScenarioYaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The watch cache and the compiled cluster under pod churn on a large estate: seeding, start-up (list, watch and
 * first compile), then pods replaced and relabelled at a steady rate, with the CPU the cache's update thread uses,
 * the CPU of the whole process (the in-process API server and the churn generator included, so an upper bound),
 * how long a change takes to reach the compiled cluster, and the heap. Not part of the normal test run:
 *
 * <pre>./mvnw -B -o test -Dgroups=bench -Dsurefire.excludedGroups=none -Dtest=ClusterChurnBenchmark
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dchurn.minutes=10] [-Dchurn.rate=50] [-Dchurn.small=true]</pre>
 *
 * Figures are printed to standard output (and the surefire report).
 */
@Tag("bench")
class ClusterChurnBenchmark {

    @Test
    void churn() throws Exception {
        LargeCluster size = Boolean.getBoolean("churn.small") ? LargeCluster.SMALL : LargeCluster.FULL;
        double minutes = Double.parseDouble(System.getProperty("churn.minutes", "10"));
        int rate = Integer.getInteger("churn.rate", 50);
        int cores = Runtime.getRuntime().availableProcessors();
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        String yaml = ScenarioYaml.write(size.generate(1).objects());
        try (DemoCluster demo = DemoCluster.start(0, false)) {
            long t0 = System.nanoTime();
            int objects = demo.seed(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "large.yaml");
            System.out.printf("seed: %d objects in %.1f s (%d cores)%n", objects, seconds(t0), cores);

            ClusterConnection connection = ClusterConnection.demo(demo, ClusterProperties.defaults());
            KubeApi api = new KubeApi(
                    connection.client(),
                    ClusterProperties.defaults(),
                    new CircuitBreaker(5, Duration.ofSeconds(30), Clock.systemUTC()));
            ClusterCache cache =
                    new ClusterCache(connection.watchClient(), api, true, Duration.ofMinutes(10), Clock.systemUTC());
            connection.closeWith(cache);
            try (connection;
                    KubernetesClient admin = demo.adminClient()) {
                long started = System.nanoTime();
                cache.start();
                while (cache.status().isLoading()) {
                    Thread.sleep(100);
                }
                System.out.printf(
                        "start-up: listed, watched and compiled %d pods in %.1f s%n",
                        cache.status().pods(), seconds(started));
                long viewThread = threadId("cluster-view");

                var pods = admin.genericKubernetesResources(ClusterCache.context(ClusterKind.POD));
                List<GenericKubernetesResource> live =
                        new ArrayList<>(pods.inAnyNamespace().list().getItems());
                Random random = new Random(1);
                List<Double> lags = Collections.synchronizedList(new ArrayList<>());
                long end = System.nanoTime() + (long) (minutes * 60e9);
                long cpuStart = os.getProcessCpuTime();
                long viewCpuStart = threads.getThreadCpuTime(viewThread);
                long wallStart = System.nanoTime();
                long events = 0;
                long nextSample = System.nanoTime();
                while (System.nanoTime() < end) {
                    long second = System.nanoTime();
                    long lastVersion = 0;
                    // per second: a third of the events replace pods (delete + create), the rest relabel one
                    for (int e = 0; e < rate; ) {
                        int slot = random.nextInt(live.size());
                        GenericKubernetesResource pod = live.get(slot);
                        String ns = pod.getMetadata().getNamespace();
                        if (e % 3 == 0 && e + 1 < rate) {
                            pods.inNamespace(ns)
                                    .withName(pod.getMetadata().getName())
                                    .delete();
                            GenericKubernetesResource next =
                                    copy(pod, pod.getMetadata().getName() + "-" + events);
                            GenericKubernetesResource created =
                                    pods.inNamespace(ns).resource(next).create();
                            live.set(slot, created);
                            lastVersion = Long.parseLong(created.getMetadata().getResourceVersion());
                            e += 2;
                        } else {
                            GenericKubernetesResource relabelled =
                                    copy(pod, pod.getMetadata().getName());
                            relabelled.getMetadata().getLabels().put("tier", random.nextBoolean() ? "front" : "back");
                            relabelled.getMetadata().setResourceVersion(null);
                            GenericKubernetesResource updated =
                                    pods.inNamespace(ns).resource(relabelled).update();
                            live.set(slot, updated);
                            lastVersion = Long.parseLong(updated.getMetadata().getResourceVersion());
                            e++;
                        }
                    }
                    events += rate;
                    if (System.nanoTime() >= nextSample) {
                        // freshness: from the write to a published compiled cluster that holds it
                        long written = System.nanoTime();
                        long version = lastVersion;
                        Thread.ofVirtual().start(() -> {
                            while (true) {
                                String seen = cache.publishedResourceVersion();
                                if (seen != null && Long.parseLong(seen) >= version) {
                                    lags.add(seconds(written));
                                    return;
                                }
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException ex) {
                                    return;
                                }
                            }
                        });
                        nextSample = System.nanoTime() + 5_000_000_000L;
                    }
                    long rest = 1_000_000_000L - (System.nanoTime() - second);
                    if (rest > 0) {
                        Thread.sleep(Duration.ofNanos(rest));
                    }
                }
                double wall = seconds(wallStart);
                double processCores = (os.getProcessCpuTime() - cpuStart) / 1e9 / wall;
                double viewCores = (threads.getThreadCpuTime(viewThread) - viewCpuStart) / 1e9 / wall;
                Thread.sleep(3_000);
                System.gc();
                long heap = (Runtime.getRuntime().totalMemory()
                                - Runtime.getRuntime().freeMemory())
                        / (1 << 20);
                List<Double> sorted = new ArrayList<>(lags);
                Collections.sort(sorted);
                System.out.printf(
                        "churn: %d events in %.0f s (%.1f/s); cluster-view thread %.3f cores; whole process %.2f"
                                + " cores (API server and generator included); freshness p50 %.2f s, max %.2f s"
                                + " over %d samples; heap after GC %d MiB%n",
                        events,
                        wall,
                        events / wall,
                        viewCores,
                        processCores,
                        percentile(sorted, 0.5),
                        sorted.isEmpty() ? Double.NaN : sorted.getLast(),
                        sorted.size(),
                        heap);
                assertThat(cache.status().stale()).isFalse();
            }
        }
    }

    private static GenericKubernetesResource copy(GenericKubernetesResource pod, String name) {
        GenericKubernetesResource copy = io.fabric8.kubernetes.client.utils.Serialization.clone(pod);
        copy.getMetadata().setName(name);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setUid(null);
        if (copy.getMetadata().getLabels() == null) {
            copy.getMetadata().setLabels(new HashMap<>());
        } else {
            copy.getMetadata().setLabels(new HashMap<>(copy.getMetadata().getLabels()));
        }
        return copy;
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .threadId();
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size()));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
