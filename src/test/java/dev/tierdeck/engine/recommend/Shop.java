package dev.tierdeck.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The estate of {@code engine/recommend/shop.yaml} and its flows: the ingress controller calls the web pods, web
 * calls the cart, the cart calls redis (allowed) and postgres (denied today), web asks DNS (allowed by the platform
 * tier), a debug shell in the sandbox calls the cart, the worker calls a card processor's network set and two public
 * addresses, and a client outside calls web.
 */
final class Shop {

    static final String CLUSTER = resource("shop.yaml");
    static final String FLOWS = resource("shop-flows.jsonl");

    private Shop() {}

    static String resource(String name) {
        try (InputStream in = Shop.class.getResourceAsStream("/engine/recommend/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClusterState state() {
        Manifests m = ManifestReader.read("shop.yaml", CLUSTER);
        assertThat(m.errors()).isEmpty();
        return m.state();
    }

    static CompiledCluster cluster() {
        return Engine.compile(state());
    }

    static List<Flow> flows() {
        FlowReader.Result r = FlowReader.read("shop-flows.jsonl", FLOWS);
        assertThat(r.problems()).isEmpty();
        return r.flows();
    }

    static List<Observation> observations() {
        return flows().stream().map(Observation::of).toList();
    }

    static Recommendation recommend(Settings settings) {
        return Recommender.recommend(cluster(), observations(), settings);
    }

    static CalicoPolicy policy(Recommendation r, String name) {
        return r.policies().stream()
                .map(Recommendation.SuggestedPolicy::policy)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no policy " + name + " in "
                        + r.policies().stream().map(p -> p.policy().name()).toList()));
    }

    static Recommendation.Connection connection(Recommendation r, String id) {
        return r.connections().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no connection " + id + " in "
                        + r.connections().stream()
                                .map(Recommendation.Connection::id)
                                .toList()));
    }
}
