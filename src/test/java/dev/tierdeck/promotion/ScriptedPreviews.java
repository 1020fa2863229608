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
    private volatile long allowedByWithdrawal = 0;
    private volatile long allowedByChange = 0;

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

    /** What taking a policy out of the cluster newly allows from now on (0, the default, allows nothing). */
    void withdrawalAllowing(long flows) {
        this.allowedByWithdrawal = flows;
    }

    /** What putting a draft in force newly allows besides what it denies (0, the default, allows nothing). */
    void changeAllowing(long flows) {
        this.allowedByChange = flows;
    }

    /** A withdrawal that lets the debug shell in again, as taking a default deny out would. */
    static ImpactPreview withdrawal(Instant from, Instant to, long newlyAllowed) {
        return new ImpactPreview(
                from,
                to,
                12,
                0,
                0,
                newlyAllowed,
                newlyAllowed == 0
                        ? List.of()
                        : List.of(new ImpactPreview.FlowChange(
                                "sandbox/debug-shell-*",
                                "payments/api-*",
                                "TCP",
                                8080,
                                "Deny",
                                "Allow",
                                newlyAllowed,
                                "allowed by the namespace's profile once the policy is gone")),
                false);
    }

    @Override
    public synchronized ImpactPreview preview(
            Change change, @Nullable Collection<String> namespaces, Instant from, Instant to) {
        asked.add(new Asked(change, namespaces, from, to));
        if (!change.delete().isEmpty() && change.set().isEmpty()) {
            return withdrawal(from, to, allowedByWithdrawal);
        }
        ImpactPreview denying = result(from, to, newlyDenied);
        if (allowedByChange == 0) {
            return denying;
        }
        List<ImpactPreview.FlowChange> changes = new ArrayList<>(denying.changes());
        changes.addAll(withdrawal(from, to, allowedByChange).changes());
        return new ImpactPreview(
                from, to, denying.flows(), denying.unmapped(), newlyDenied, allowedByChange, changes, false);
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
