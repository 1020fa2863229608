package dev.tierdeck.policy.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestRoundTripTest;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Any policy the decoder accepts, stored in PostgreSQL and read back, is equal: generated policies whose free text is
 * number-like, boolean-like, null-like, unicode or long.
 */
@DeveloperLoopTest
class PolicyStorageTest {

    @Autowired
    DraftRows rows;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forget() {
        jdbc.sql("delete from policy_draft where updated_by = 'storage-test'").update();
    }

    @Test
    void everyAcceptedPolicyIsReadBackEqualFromTheDatabase() {
        Random random = new Random(20261126);
        int stored = 0;
        for (int i = 0; i < 300; i++) {
            Map<String, Object> manifest = new ManifestRoundTripTest.Generator(random).policy();
            Manifests decoded = ManifestReader.fromMaps("generated", List.of(manifest));
            assertThat(decoded.errors()).isEmpty();
            CalicoPolicy policy = (CalicoPolicy) decoded.objects().getFirst();
            PolicyRef ref = new PolicyRef(policy.namespace(), policy.name());
            jdbc.sql("delete from policy_draft where updated_by = 'storage-test'")
                    .update();
            PolicyDraft draft = new PolicyDraft(
                    ref,
                    policy,
                    PolicyState.DRAFT,
                    1,
                    "storage-test",
                    Instant.now().truncatedTo(ChronoUnit.MICROS),
                    null,
                    null,
                    null,
                    ChangeKind.EDIT,
                    null,
                    null);

            assertThat(rows.insert(draft, PolicyYaml.write(policy))).isTrue();

            assertThat(rows.find(ref)).get().extracting(DraftRows.Row::draft).isEqualTo(draft);
            assertThat(rows.list(policy.namespace())).contains(draft);
            stored++;
        }
        assertThat(stored).isEqualTo(300);
    }

    @Test
    void textStoredByEarlierVersionsWithUnquotedNumberLikeStringsIsReadAsMeant() {
        String legacy = """
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata:
                  name: 443
                  namespace: catalog
                  labels:
                    version: 2
                    build: 1e3
                spec:
                  tier: default
                  order: 100
                  selector: app == 'web'
                  ingress:
                  - action: Allow
                    protocol: TCP
                    source:
                      serviceAccounts:
                        names:
                        - 123
                    destination:
                      ports:
                      - 8080
                      - 9000:9100
                    http:
                      methods:
                      - 1
                      paths:
                      - exact: .inf
                """;

        PolicyYaml.Decoded decoded = PolicyYaml.read(legacy);

        assertThat(decoded.policy()).isNotNull();
        CalicoPolicy policy = decoded.policy();
        assertThat(policy.name()).isEqualTo("443");
        assertThat(policy.labels()).containsEntry("version", "2").containsEntry("build", "1e3");
        assertThat(policy.order()).isEqualTo(100.0);
        assertThat(policy.ingress().getFirst().source().serviceAccounts().names())
                .containsExactly("123");
        assertThat(policy.ingress().getFirst().http().methods()).containsExactly("1");
        assertThat(policy.ingress().getFirst().http().paths()).containsExactly(Map.of("exact", ".inf"));
        assertThat(PolicyYaml.read(PolicyYaml.write(policy)).policy()).isEqualTo(policy);
    }

    @Test
    void textThatDoesNotDecodeSaysWhy() {
        PolicyYaml.Decoded decoded = PolicyYaml.read("kind: NetworkPolicy\nmetadata: [\n");

        assertThat(decoded.policy()).isNull();
        assertThat(decoded.problem()).contains("malformed YAML");
    }
}
