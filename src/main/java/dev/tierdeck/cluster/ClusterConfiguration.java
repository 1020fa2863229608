package dev.tierdeck.cluster;

import dev.tierdeck.cluster.demo.DemoCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Wires the cluster gateway: the fabric8 client (demo cluster or a real one), the watch cache ({@link ClusterReader}),
 * the writer ({@link ClusterWriter}), drift ({@link ClusterDrift}) and the background reconciler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);
    /** Seeds up to this many objects load during start-up; larger ones in the background, with a banner. */
    private static final int SYNCHRONOUS_SEED = 2_000;

    private final ClusterProperties properties;
    private final ObjectProvider<Reconciler> reconciler;
    private final ObjectProvider<ReconcileLock> locks;

    ClusterConfiguration(
            ClusterProperties properties, ObjectProvider<Reconciler> reconciler, ObjectProvider<ReconcileLock> locks) {
        this.properties = properties;
        this.reconciler = reconciler;
        this.locks = locks;
    }

    @Bean(destroyMethod = "close")
    ClusterConnection clusterConnection(Environment environment, ResourceLoader resources) {
        ClusterProperties.Source source = properties.resolvedSource(
                environment.getProperty("KUBERNETES_SERVICE_HOST"), environment.getProperty("KUBECONFIG"));
        if (source == ClusterProperties.Source.KUBERNETES) {
            ClusterConnection connection = ClusterConnection.kubernetes(properties);
            log.info(
                    "Kubernetes API: {}", connection.client().getConfiguration().getMasterUrl());
            if (properties.rbacSelfCheck()) {
                try {
                    RbacSelfCheck.enforce(RbacSelfCheck.check(
                            connection.client(), CalicoDetection.served(connection.client(), ClusterKind.TIER)));
                } catch (RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
            return connection;
        }
        DemoCluster demo = DemoCluster.start(
                properties.demo().port(), false, properties.demo().apiMode());
        String location = properties.demo().seed();
        // a bare path is a file (users point at their own estate); otherwise a Spring resource location
        Resource seedFile = location.startsWith("classpath:") || location.startsWith("file:")
                ? resources.getResource(location)
                : new FileSystemResource(location);
        DemoCluster.Seed seed;
        try (InputStream in = seedFile.getInputStream()) {
            // read and checked now, so that a broken file stops start-up; loaded in the background (clusterCache)
            seed = demo.prepare(in, location);
            log.info(
                    "Demo cluster (in-process Kubernetes API) at {}: loading {} objects from {}",
                    demo.url(),
                    seed.size(),
                    location);
        } catch (IOException e) {
            demo.close();
            throw new UncheckedIOException("cannot read the demo cluster seed " + location, e);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        if (seed.size() <= SYNCHRONOUS_SEED) {
            // a small estate is in place before anything reads the cluster, as the built-in one always was
            try {
                seed.load(created -> {});
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
            return ClusterConnection.demo(demo, properties, null);
        }
        return ClusterConnection.demo(demo, properties, seed);
    }

    @Bean
    KubeApi kubeApi(ClusterConnection connection) {
        ClusterProperties.Breaker breaker = properties.breaker();
        return new KubeApi(
                connection.client(),
                properties,
                new CircuitBreaker(breaker.failureThreshold(), breaker.openFor(), Clock.systemUTC()));
    }

    @Bean(destroyMethod = "") // closed by the connection, after the demo server
    ClusterCache clusterCache(ClusterConnection connection, KubeApi api) {
        ClusterCache cache = new ClusterCache(
                connection.watchClient(),
                api,
                connection.demo() != null,
                Duration.ofMinutes(10),
                Clock.systemUTC(),
                connection.seeding());
        connection.closeWith(cache);
        if (connection.seed() == null) {
            cache.start();
        }
        return cache;
    }

    /**
     * Loads the demo seed once the context is up (not while it starts: a large estate would compete with start-up
     * for the cores), then starts the watches on the loaded cluster. The portal serves meanwhile, with a banner.
     */
    @Bean
    ApplicationListener<ContextRefreshedEvent> demoSeeding(ClusterConnection connection, ClusterCache cache) {
        return new DemoSeeding(connection, cache);
    }

    private static final class DemoSeeding implements ApplicationListener<ContextRefreshedEvent> {

        private final ClusterConnection connection;
        private final ClusterCache cache;
        private final java.util.concurrent.atomic.AtomicBoolean started =
                new java.util.concurrent.atomic.AtomicBoolean();

        DemoSeeding(ClusterConnection connection, ClusterCache cache) {
            this.connection = connection;
            this.cache = cache;
        }

        @Override
        public void onApplicationEvent(ContextRefreshedEvent event) {
            DemoCluster.Seed seed = connection.seed();
            if (seed == null || !started.compareAndSet(false, true)) {
                return;
            }
            Thread.ofPlatform().name("demo-cluster-seed").daemon().start(() -> {
                long began = System.nanoTime();
                SeedProgress progress = connection.seeding();
                try {
                    int objects = seed.load(progress::done);
                    log.info(
                            "Demo cluster seeded with {} objects in {} s",
                            objects,
                            String.format("%.1f", (System.nanoTime() - began) / 1e9));
                } catch (RuntimeException e) {
                    progress.failed(e.getMessage());
                    log.error("The demo cluster's seed could not be loaded completely: {}", e.getMessage());
                }
                cache.start();
            });
        }
    }

    @Bean
    PendingWrites pendingWrites() {
        return new PendingWrites();
    }

    @Bean
    ObjectApplier objectApplier(KubeApi api, PendingWrites pending) {
        return new ObjectApplier(api, pending, Clock.systemUTC());
    }

    @Bean
    KubeClusterWriter clusterWriter(KubeApi api, ObjectApplier applier) {
        return new KubeClusterWriter(api, applier);
    }

    @Bean
    DriftMonitor clusterDrift(
            ClusterCache cache, ObjectApplier applier, KubeApi api, ObjectProvider<LockedTierLookup> lookups) {
        return new DriftMonitor(cache, applier, api, () -> lockedTiers(lookups), Clock.systemUTC());
    }

    @Bean
    Reconciler reconciler(
            PendingWrites pending,
            ObjectApplier applier,
            KubeApi api,
            DriftMonitor drift,
            ClusterCache cache,
            ApplicationEventPublisher events) {
        return new Reconciler(pending, applier, api, drift, cache::refresh, events::publishEvent);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                () -> {
                    Reconciler task = reconciler.getObject();
                    ReconcileLock lock = locks.getIfAvailable(() -> Runnable::run);
                    lock.runExclusively(task::reconcileOnce);
                },
                properties.reconcileInterval());
    }

    private static Set<String> lockedTiers(ObjectProvider<LockedTierLookup> lookups) {
        return lookups.orderedStream().flatMap(l -> l.lockedTiers().stream()).collect(Collectors.toUnmodifiableSet());
    }
}
