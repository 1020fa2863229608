package dev.tierdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The API server is simulated by an authorizer that answers SelfSubjectAccessReviews from a rule. */
class RbacSelfCheckTest {

    private static RbacSelfCheck.Findings checkWith(Predicate<ResourceAttributes> allowed) {
        KubernetesMockServer server = authorizer(allowed);
        try (KubernetesClient client = server.createClient()) {
            return RbacSelfCheck.check(client, true);
        } finally {
            server.destroy();
        }
    }

    /** An API server that only answers SelfSubjectAccessReviews, from the given rule. */
    static KubernetesMockServer authorizer(Predicate<ResourceAttributes> allowed) {
        Dispatcher authorizer = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")) {
                    return new MockResponse().setResponseCode(404);
                }
                SelfSubjectAccessReview review =
                        Serialization.unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
                review.setStatus(new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus(
                        allowed.test(review.getSpec().getResourceAttributes()), false, null, null));
                return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
            }
        };
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), authorizer, false);
        server.init();
        return server;
    }

    static boolean leastPrivilege(ResourceAttributes a) {
        return List.of("list", "watch").contains(a.getVerb());
    }

    @Test
    void aLeastPrivilegeServiceAccountPasses() {
        RbacSelfCheck.Findings findings = checkWith(RbacSelfCheckTest::leastPrivilege);

        assertThat(findings.missingReads()).isEmpty();
        assertThat(findings.forbiddenPowers()).isEmpty();
        RbacSelfCheck.enforce(findings);
    }

    @Test
    void refusesToStartWhenItMayImpersonateSystemMasters() {
        RbacSelfCheck.Findings findings = checkWith(
                a -> leastPrivilege(a) || ("impersonate".equals(a.getVerb()) && "system:masters".equals(a.getName())));

        assertThatThrownBy(() -> RbacSelfCheck.enforce(findings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Tierdeck refuses to start: its ServiceAccount may impersonate group system:masters, which "
                        + "would let portal users bypass Calico tier RBAC; remove these permissions");
    }

    @Test
    void refusesToStartWhenItMayWriteCalicosStorageCrds() {
        RbacSelfCheck.Findings findings =
                checkWith(a -> leastPrivilege(a) || "crd.projectcalico.org".equals(a.getGroup()));

        assertThat(findings.forbiddenPowers())
                .containsExactly(
                        "create networkpolicies.crd.projectcalico.org",
                        "create globalnetworkpolicies.crd.projectcalico.org",
                        "create tiers.crd.projectcalico.org");
        assertThatThrownBy(() -> RbacSelfCheck.enforce(findings)).hasMessageContaining("refuses to start");
    }

    @Test
    void namesWhatItCannotRead() {
        RbacSelfCheck.Findings findings = checkWith(a -> leastPrivilege(a) && !"pods".equals(a.getResource()));

        assertThat(findings.missingReads()).containsExactly("list pods", "watch pods");
        RbacSelfCheck.enforce(findings);
    }
}
