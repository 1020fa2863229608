package dev.tierdeck.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag("helm")
class HelmChartTest {

    private static final List<String> DEFAULT_GROUPS = List.of(
            "tierdeck-platform-admins",
            "tierdeck-security-admins",
            "tierdeck-developers",
            "tierdeck-viewers",
            "team-payments",
            "team-catalog");

    private static RenderedChart defaults;

    @TempDir
    Path values;

    @BeforeAll
    static void renderDefaults() {
        defaults = RenderedChart.render(null);
    }

    @Test
    void chartPassesStrictLint() {
        var lint = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
    }

    @Test
    void defaultsRenderEveryPartOfTheInstallationButNoSecret() {
        assertThat(defaults.kinds())
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ConfigMap",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "Service",
                        "Deployment",
                        "PodDisruptionBudget",
                        "NetworkPolicy");
    }

    @Test
    void clusterRoleGrantsExactlyTheReadsAccessReviewsAndImpersonationThePortalNeeds() {
        var rules = ClusterRoleRule.of(defaults.one("ClusterRole"));

        assertThat(rules)
                .containsExactlyInAnyOrder(
                        read("", "namespaces", "pods", "serviceaccounts"),
                        read("networking.k8s.io", "networkpolicies"),
                        read("policy.networking.k8s.io", "clusternetworkpolicies"),
                        read(
                                "projectcalico.org",
                                "tiers",
                                "networkpolicies",
                                "globalnetworkpolicies",
                                "stagednetworkpolicies",
                                "stagedglobalnetworkpolicies",
                                "stagedkubernetesnetworkpolicies",
                                "networksets",
                                "globalnetworksets",
                                "clusterinformations"),
                        read(
                                "projectcalico.org",
                                "tier.networkpolicies",
                                "tier.globalnetworkpolicies",
                                "tier.stagednetworkpolicies",
                                "tier.stagedglobalnetworkpolicies"),
                        rule("authorization.k8s.io", "selfsubjectaccessreviews", Set.of("create"), Set.of()),
                        rule("", "users", Set.of("impersonate"), Set.of()),
                        rule("", "groups", Set.of("impersonate"), Set.copyOf(DEFAULT_GROUPS)));
    }

    @Test
    void clusterRoleNeverWritesAnything() {
        for (var rule : ClusterRoleRule.of(defaults.one("ClusterRole"))) {
            if (rule.resources().equals(Set.of("selfsubjectaccessreviews"))) {
                assertThat(rule.verbs()).containsExactly("create");
            } else if (rule.resources().equals(Set.of("users"))
                    || rule.resources().equals(Set.of("groups"))) {
                assertThat(rule.apiGroups()).containsExactly("");
                assertThat(rule.verbs()).containsExactly("impersonate");
            } else {
                assertThat(rule.isReadOnly()).as("read-only rule %s", rule).isTrue();
            }
        }
    }

    @Test
    void clusterRoleHasNoCalicoCrdsSecretsEscalationOrWildcards() {
        var everything = ClusterRoleRule.of(defaults.one("ClusterRole")).stream()
                .flatMap(rule -> rule.everything().stream())
                .collect(Collectors.toSet());

        assertThat(everything)
                .doesNotContain("crd.projectcalico.org", "secrets", "escalate", "bind", "*")
                .noneMatch(value -> value.contains("*"));
        assertThat(ClusterRoleRule.of(defaults.one("ClusterRole")))
                .noneMatch(rule -> rule.grants("", "serviceaccounts", "impersonate"))
                .noneMatch(rule -> rule.resources().contains("userextras"));
    }

    @Test
    void clusterRoleIsBoundToThePortalsOwnServiceAccount() {
        var binding = defaults.one("ClusterRoleBinding");
        var serviceAccount = defaults.one("ServiceAccount");

        assertThat(binding.at("/roleRef/name").asString())
                .isEqualTo(defaults.one("ClusterRole").at("/metadata/name").asString());
        assertThat(binding.at("/subjects/0/kind").asString()).isEqualTo("ServiceAccount");
        assertThat(binding.at("/subjects/0/name").asString())
                .isEqualTo(serviceAccount.at("/metadata/name").asString());
        assertThat(binding.at("/subjects/0/namespace").asString()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(binding.path("subjects")).hasSize(1);
        assertThat(defaults.one("Deployment")
                        .at("/spec/template/spec/serviceAccountName")
                        .asString())
                .isEqualTo(serviceAccount.at("/metadata/name").asString());
    }

    @Test
    void anExistingServiceAccountIsBoundWhenTheChartCreatesNone() {
        var chart = RenderedChart.render(values, """
                serviceAccount:
                  create: false
                  name: platform-reader
                """);

        assertThat(chart.all("ServiceAccount")).isEmpty();
        assertThat(chart.one("ClusterRoleBinding").at("/subjects/0/name").asString())
                .isEqualTo("platform-reader");
        assertThat(chart.one("Deployment")
                        .at("/spec/template/spec/serviceAccountName")
                        .asString())
                .isEqualTo("platform-reader");
    }

    @Test
    void rbacCanBeLeftToTheClusterAdministrator() {
        var chart = RenderedChart.render(values, """
                rbac:
                  create: false
                  impersonableGroups: [tierdeck-viewers]
                """);

        assertThat(chart.all("ClusterRole")).isEmpty();
        assertThat(chart.all("ClusterRoleBinding")).isEmpty();
        assertThat(chart.configValue("SPRING_APPLICATION_JSON")).contains("tierdeck-viewers");
    }

    @Test
    void impersonationFollowsTheConfiguredGroupsInRbacAndInThePortalsSettings() {
        var chart = RenderedChart.render(values, """
                rbac:
                  impersonableGroups: [corp-netops, team-search]
                """);

        var groupsRule = ClusterRoleRule.of(chart.one("ClusterRole")).stream()
                .filter(rule -> rule.resources().contains("groups"))
                .toList();
        assertThat(groupsRule)
                .singleElement()
                .satisfies(rule ->
                        assertThat(rule.resourceNames()).containsExactlyInAnyOrder("corp-netops", "team-search"));

        var settings = JsonMapper.builder().build().readTree(chart.configValue("SPRING_APPLICATION_JSON"));
        assertThat(settings.at("/tierdeck/cluster/impersonable-groups")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly("corp-netops", "team-search");
    }

    @Test
    void roleGroupsReachThePortalAsBracketedKeysSoGroupNamesSurviveBinding() {
        var chart = RenderedChart.render(values, """
                identity:
                  roleGroups:
                    "Domain Admins": platform-admin
                """);

        var settings = JsonMapper.builder().build().readTree(chart.configValue("SPRING_APPLICATION_JSON"));
        assertThat(settings.at("/tierdeck/identity/role-groups")
                        .path("[Domain Admins]")
                        .asString())
                .isEqualTo("platform-admin");
        assertThat(defaults.configValue("SPRING_APPLICATION_JSON")).doesNotContain("role-groups");
    }

    @Test
    void runsTwoReplicasThatNeverDropBelowDesiredDuringARollout() {
        var deployment = defaults.one("Deployment");

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt())
                .isZero();
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnPort8080() {
        var container = defaults.container();

        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/ports/0/name").asString()).isEqualTo("http");
        assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/startupProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
        assertThat(List.of(
                        container.at("/livenessProbe/httpGet/port").asString(),
                        container.at("/readinessProbe/httpGet/port").asString()))
                .containsOnly("http");
        assertThat(defaults.configValue("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED"))
                .isEqualTo("true");
    }

    @Test
    void podRunsAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities() {
        var pod = defaults.one("Deployment").at("/spec/template/spec");
        var container = defaults.container();

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(pod.at("/securityContext/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean())
                .isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean())
                .isFalse();
        assertThat(container.at("/securityContext/privileged").asBoolean()).isFalse();
        assertThat(container
                        .at("/securityContext/capabilities/drop")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly("ALL");
        assertThat(container.at("/securityContext/capabilities/add").isMissingNode())
                .isTrue();
        assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
    }

    @Test
    void podRunsAsTheUserTheImageIsBuiltFor() throws IOException {
        var pod = defaults.one("Deployment").at("/spec/template/spec");
        var user = pod.at("/securityContext/runAsUser").asInt() + ":"
                + pod.at("/securityContext/runAsGroup").asInt();

        assertThat(Files.readAllLines(Path.of("Dockerfile"))).contains("USER " + user);
    }

    @Test
    void tmpIsAWritableEmptyDirBecauseTheRootFilesystemIsNot() {
        var pod = defaults.one("Deployment").at("/spec/template/spec");

        assertThat(defaults.container().at("/volumeMounts").valueStream()).anySatisfy(mount -> {
            assertThat(mount.path("mountPath").asString()).isEqualTo("/tmp");
            assertThat(mount.path("name").asString()).isEqualTo("tmp");
        });
        assertThat(pod.at("/volumes").valueStream()).anySatisfy(volume -> {
            assertThat(volume.path("name").asString()).isEqualTo("tmp");
            assertThat(volume.has("emptyDir")).isTrue();
        });
    }

    @Test
    void secretsComeOnlyFromExistingSecretsByReference() {
        var env = envByName(defaults.container());

        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")
                        .at("/valueFrom/secretKeyRef/name")
                        .asString())
                .isEqualTo("tierdeck-database");
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")
                        .at("/valueFrom/secretKeyRef/key")
                        .asString())
                .isEqualTo("password");
        assertThat(env.get("TIERDECK_IDENTITY_CLIENT_SECRET")
                        .at("/valueFrom/secretKeyRef/name")
                        .asString())
                .isEqualTo("tierdeck-oidc");
        assertThat(env.get("TIERDECK_IDENTITY_CLIENT_SECRET")
                        .at("/valueFrom/secretKeyRef/key")
                        .asString())
                .isEqualTo("client-secret");
        assertThat(defaults.one("ConfigMap").path("data").propertyNames())
                .doesNotContain("SPRING_DATASOURCE_PASSWORD", "TIERDECK_IDENTITY_CLIENT_SECRET");
        assertThat(defaults.all("Secret")).isEmpty();
    }

    @Test
    void existingSecretNamesAreConfigurable() {
        var chart = RenderedChart.render(values, """
                database:
                  existingSecret: pg-app
                  passwordKey: pw
                identity:
                  existingSecret: sso
                  clientSecretKey: secret
                """);

        var env = envByName(chart.container());
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")
                        .at("/valueFrom/secretKeyRef/name")
                        .asString())
                .isEqualTo("pg-app");
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")
                        .at("/valueFrom/secretKeyRef/key")
                        .asString())
                .isEqualTo("pw");
        assertThat(env.get("TIERDECK_IDENTITY_CLIENT_SECRET")
                        .at("/valueFrom/secretKeyRef/name")
                        .asString())
                .isEqualTo("sso");
        assertThat(env.get("TIERDECK_IDENTITY_CLIENT_SECRET")
                        .at("/valueFrom/secretKeyRef/key")
                        .asString())
                .isEqualTo("secret");
    }

    @Test
    void configMapCarriesTheContractSettingsAndPointsAtTheRealCluster() {
        var deployment = defaults.one("Deployment");

        assertThat(defaults.configValue("TIERDECK_CLUSTER_SOURCE")).isEqualTo("kubernetes");
        assertThat(defaults.configValue("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://");
        assertThat(defaults.configValue("SPRING_DATASOURCE_USERNAME")).isEqualTo("tierdeck");
        assertThat(defaults.configValue("TIERDECK_IDENTITY_ISSUER_URI")).startsWith("https://");
        assertThat(defaults.configValue("TIERDECK_IDENTITY_CLIENT_ID")).isEqualTo("tierdeck");
        assertThat(defaults.configValue("TIERDECK_IDENTITY_GROUPS_CLAIM")).isEqualTo("groups");
        assertThat(defaults.configValue("TIERDECK_PUBLIC_URL")).isEqualTo("http://tierdeck.example.com");
        assertThat(defaults.container().at("/envFrom/0/configMapRef/name").asString())
                .isEqualTo(defaults.one("ConfigMap").at("/metadata/name").asString());
        assertThat(deployment
                        .at("/spec/template/metadata/annotations/checksum~1config")
                        .asString())
                .hasSize(64);
    }

    @Test
    void thePublicUrlFollowsTheIngressOrIsSetOutright() {
        var tls = RenderedChart.render(values, """
                ingress:
                  host: portal.example.org
                  tls:
                    enabled: true
                """);
        var explicit = RenderedChart.render(values, """
                publicUrl: https://policies.example.org
                """);

        assertThat(tls.configValue("TIERDECK_PUBLIC_URL")).isEqualTo("https://portal.example.org");
        assertThat(explicit.configValue("TIERDECK_PUBLIC_URL")).isEqualTo("https://policies.example.org");
    }

    @Test
    void podDisruptionBudgetKeepsOneReplicaAvailable() {
        var budget = defaults.one("PodDisruptionBudget");

        assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(budget.at("/spec/selector/matchLabels"))
                .isEqualTo(defaults.one("Deployment").at("/spec/selector/matchLabels"));
    }

    @Test
    void singleReplicaGetsNoDisruptionBudgetThatWouldBlockNodeDrains() {
        var chart = RenderedChart.render(values, "replicaCount: 1\n");

        assertThat(chart.all("PodDisruptionBudget")).isEmpty();
        assertThat(chart.one("Deployment").at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void ingressIsOffByDefaultAndRoutesToTheServiceWhenEnabled() {
        assertThat(defaults.all("Ingress")).isEmpty();

        var chart = RenderedChart.render(values, """
                ingress:
                  enabled: true
                  className: nginx
                  host: tierdeck.corp.example
                  tls:
                    enabled: true
                    secretName: tierdeck-tls
                """);

        var ingress = chart.one("Ingress");
        assertThat(ingress.at("/spec/ingressClassName").asString()).isEqualTo("nginx");
        assertThat(ingress.at("/spec/rules/0/host").asString()).isEqualTo("tierdeck.corp.example");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asString())
                .isEqualTo(chart.one("Service").at("/metadata/name").asString());
        assertThat(ingress.at("/spec/tls/0/secretName").asString()).isEqualTo("tierdeck-tls");
    }

    @Test
    void serviceSendsTrafficToThePortalPort() {
        var service = defaults.one("Service");

        assertThat(service.at("/spec/ports/0/targetPort").asString()).isEqualTo("http");
        assertThat(service.at("/spec/selector"))
                .isEqualTo(defaults.one("Deployment").at("/spec/selector/matchLabels"));
    }

    @Test
    void networkPolicyAdmitsOnlyTheIngressControllerAndAllowsOnlyTheNeededEgress() {
        var policy = defaults.one("NetworkPolicy").path("spec");

        assertThat(policy.at("/podSelector/matchLabels"))
                .isEqualTo(defaults.one("Deployment").at("/spec/selector/matchLabels"));
        assertThat(policy.path("policyTypes").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.path("ingress")).hasSize(1);
        assertThat(policy.at("/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                        .asString())
                .isEqualTo("ingress-nginx");
        assertThat(policy.at("/ingress/0/ports/0/port").asInt()).isEqualTo(8080);

        var egressPorts = policy.path("egress")
                .valueStream()
                .flatMap(rule -> rule.path("ports").valueStream())
                .map(port -> port.path("protocol").asString() + "/"
                        + port.path("port").asInt())
                .toList();
        assertThat(egressPorts)
                .containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/5432", "TCP/443", "TCP/443", "TCP/6443");
        assertThat(policy.path("egress").valueStream()).allMatch(rule -> rule.has("to"));
    }

    @Test
    void networkPolicyIngressSourcesAreConfigurable() {
        var chart = RenderedChart.render(values, """
                networkPolicy:
                  ingressFrom:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: traefik
                """);

        assertThat(chart.one("NetworkPolicy")
                        .at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                        .asString())
                .isEqualTo("traefik");
    }

    @Test
    void schemaRejectsAReplicaCountThatIsNotANumber() {
        var bad = RenderedChart.writeValues(values, "replicaCount: two\n");

        assertThatThrownBy(() -> RenderedChart.render(bad)).hasMessageContaining("replicaCount");
    }

    @Test
    void schemaRejectsUnknownKeys() {
        var bad = RenderedChart.writeValues(values, "replicas: 3\n");

        assertThatThrownBy(() -> RenderedChart.render(bad)).hasMessageContaining("replicas");
    }

    @Test
    void schemaRejectsAWildcardImpersonationGroup() {
        var bad = RenderedChart.writeValues(values, """
                rbac:
                  impersonableGroups: ["*"]
                """);

        assertThatThrownBy(() -> RenderedChart.render(bad)).hasMessageContaining("impersonableGroups");
    }

    @Test
    void schemaRejectsAnUnknownRole() {
        var bad = RenderedChart.writeValues(values, """
                identity:
                  roleGroups:
                    corp-admins: superuser
                """);

        assertThatThrownBy(() -> RenderedChart.render(bad)).hasMessageContaining("roleGroups");
    }

    @Test
    void tlsWithoutACertificateSecretIsRefusedWithTheSettingNamed() {
        var bad = RenderedChart.writeValues(values, """
                ingress:
                  enabled: true
                  tls:
                    enabled: true
                """);

        assertThatThrownBy(() -> RenderedChart.render(bad)).hasMessageContaining("ingress.tls.secretName is required");
    }

    private static ClusterRoleRule read(String apiGroup, String... resources) {
        return rule(apiGroup, Set.of(resources), ClusterRoleRule.READ, Set.of());
    }

    private static ClusterRoleRule rule(String apiGroup, String resource, Set<String> verbs, Set<String> names) {
        return rule(apiGroup, Set.of(resource), verbs, names);
    }

    private static ClusterRoleRule rule(
            String apiGroup, Set<String> resources, Set<String> verbs, Set<String> resourceNames) {
        return new ClusterRoleRule(Set.of(apiGroup), resources, verbs, resourceNames);
    }

    private static Map<String, JsonNode> envByName(JsonNode container) {
        return container
                .path("env")
                .valueStream()
                .collect(Collectors.toMap(env -> env.path("name").asString(), env -> env));
    }
}
