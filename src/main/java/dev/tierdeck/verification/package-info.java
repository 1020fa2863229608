/**
 * Continuous verification of promoted and staged policies against what the cluster reports.
 *
 * <p>API for other modules: {@link dev.tierdeck.verification.LiveEvidence} (the live evidence of a staged policy, from
 * Calico's pending verdicts in the stored flows since it was staged, judged against the {@code promotion-evidence}
 * guardrail; promotion records when it stages and asks it before promoting without an approver) and
 * {@link dev.tierdeck.verification.PromotionChecks} (the prediction kept with each promotion, compared by a
 * leader-only job with the flows the promoted policy actually denies; unexpected denials are published as
 * {@link dev.tierdeck.verification.UnexpectedDenials}).
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "engine",
            "flow",
            "policy",
            "tier",
            "tenancy",
            "identity",
            "audit",
            "system",
            "system :: leader"
        })
package dev.tierdeck.verification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
