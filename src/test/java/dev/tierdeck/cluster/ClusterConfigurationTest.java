package dev.tierdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ClusterConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ClusterConfiguration.class)
            .withPropertyValues("tierdeck.cluster.reconcile-interval=1h");

    @Test
    void startsTheSeededDemoClusterAndShutsItDownWithTheContext() {
        URI[] url = new URI[1];
        runner.withPropertyValues("tierdeck.cluster.source=demo").run(context -> {
            assertThat(context).hasNotFailed();
            ClusterReader reader = context.getBean(ClusterReader.class);
            assertThat(context).hasSingleBean(ClusterWriter.class).hasSingleBean(ClusterDrift.class);
            GatewayFixture.await(() -> reader.status().connected(), "the demo cluster to be watched");
            assertThat(reader.status().demo()).isTrue();
            assertThat(reader.status().pods()).isEqualTo(40);
            url[0] = URI.create(context.getBean(ClusterConnection.class).demo().url());
        });

        assertThat(reachable(url[0]))
                .as("the demo API server is stopped with the context")
                .isFalse();
    }

    @Test
    void seedsTheDemoClusterFromTheUsersOwnFile(@TempDir Path dir) throws IOException {
        Path estate = dir.resolve("estate.yaml");
        Files.writeString(estate, """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-0
                  namespace: shop
                  labels: {app: web}
                spec:
                  containers: [{name: web, image: nginx}]
                """);
        runner.withPropertyValues("tierdeck.cluster.source=demo", "tierdeck.cluster.demo.seed=" + estate)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ClusterReader reader = context.getBean(ClusterReader.class);
                    GatewayFixture.await(() -> reader.status().connected(), "the demo cluster to be watched");
                    assertThat(reader.status().namespaces()).isEqualTo(1);
                    assertThat(reader.status().pods()).isEqualTo(1);
                });
    }

    @Test
    void aBrokenSeedStopsStartUpNamingTheDocument(@TempDir Path dir) throws IOException {
        Path estate = dir.resolve("estate.yaml");
        Files.writeString(estate, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        runner.withPropertyValues("tierdeck.cluster.source=demo", "tierdeck.cluster.demo.seed=" + estate)
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("document 1: unsupported kind v1 ConfigMap"));
    }

    @Test
    void refusesAnImpersonationAllowListWithSystemGroups() {
        runner.withPropertyValues(
                        "tierdeck.cluster.source=demo", "tierdeck.cluster.impersonable-groups=team-*,system:masters")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("must not contain 'system:masters'");
                });
    }

    @Test
    void autoPicksTheDemoClusterWithoutAKubeconfigOrInClusterEnvironment() {
        runner.withPropertyValues("KUBERNETES_SERVICE_HOST=", "KUBECONFIG=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ClusterConnection.class).demo()).isNotNull();
        });
    }

    @Test
    void refusesToStartAgainstAClusterWhereItCouldImpersonateSystemMasters(@TempDir Path dir) throws IOException {
        KubernetesMockServer apiServer = RbacSelfCheckTest.authorizer(a -> RbacSelfCheckTest.leastPrivilege(a)
                || ("impersonate".equals(a.getVerb()) && "system:masters".equals(a.getName())));
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                users:
                - name: portal
                  user:
                    token: not-a-real-token
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: portal
                current-context: test
                """.formatted(apiServer.url("/")));
        String previous = System.getProperty("kubeconfig");
        System.setProperty("kubeconfig", kubeconfig.toString());
        try {
            runner.withPropertyValues("tierdeck.cluster.source=kubernetes").run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageStartingWith("Tierdeck refuses to start: its ServiceAccount may impersonate group "
                                + "system:masters");
            });
        } finally {
            if (previous == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", previous);
            }
            apiServer.destroy();
        }
    }

    private static boolean reachable(URI url) {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
