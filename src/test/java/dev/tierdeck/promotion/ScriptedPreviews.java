package dev.tierdeck.promotion;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.preview.ImpactPreviews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Impact previews with a result the test chooses, recording what was asked: the promotion screens only restate and
 * store what the preview module computes, so their tests fix that result.
 */
final class ScriptedPreviews implements ImpactPreviews {

    record Asked(Change change, @Nullable Collection<String> namespaces, Instant from, Instant to) {}

    final List<Asked> asked = new ArrayList<>();
    private volatile long newlyDenied = 3;

    static ImpactPreview result(Instant from, Instant to, long newlyDenied) {
        return new ImpactPreview(
                from,
                to,
                12,
                1,
                newlyDenied,
                0,
                List.of(new ImpactPreview.FlowChange(
                        "ingress-nginx/controller-*",
                        "payments/api-*",
                        "TCP",
                        8080,
                        "Allow",
                        "Deny",
                        newlyDenied,
                        "denied by tier default (end of tier)")),
                false);
    }

    void denying(long flows) {
        this.newlyDenied = flows;
    }

    @Override
    public synchronized ImpactPreview preview(
            Change change, @Nullable Collection<String> namespaces, Instant from, Instant to) {
        asked.add(new Asked(change, namespaces, from, to));
        return result(from, to, newlyDenied);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {
        @Bean
        @Primary
        ScriptedPreviews scriptedPreviews() {
            return new ScriptedPreviews();
        }
    }
}
