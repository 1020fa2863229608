package dev.tierdeck.exception;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Who sees which exceptions: admins all of them, everyone else those of the namespaces they read. */
@Component
class ExceptionViews {

    private final ExceptionStore store;
    private final Permissions permissions;

    ExceptionViews(ExceptionStore store, Permissions permissions) {
        this.store = store;
        this.permissions = permissions;
    }

    static boolean sees(Permissions permissions, CurrentUser user, PolicyException e) {
        return permissions.allows(user, Action.READ, Resource.namespace(e.namespace()));
    }

    /** Newest first, those {@code user} may see, optionally of one state. */
    List<PolicyException> list(CurrentUser user, @Nullable ExceptionState state) {
        List<PolicyException> all = store.list(null);
        return all.stream()
                .filter(e -> state == null || e.state() == state)
                .filter(e -> user.isAdmin() || sees(permissions, user, e))
                .toList();
    }

    /**
     * One exception as the API and the pages show it.
     *
     * @param timeLeft ISO-8601, for an active exception
     * @param removed whether its policy is confirmed gone from the cluster (null while it never had one)
     */
    record View(
            long id,
            String state,
            String namespace,
            String flow,
            String flowWords,
            String tier,
            List<String> tierOwners,
            String deniedBy,
            String reason,
            String requestedDuration,
            ExceptionScope requestedScope,
            String requester,
            Instant requestedAt,
            @Nullable String approver,
            @Nullable Instant decidedAt,
            @Nullable String decisionComment,
            @Nullable ExceptionScope grantedScope,
            @Nullable Instant expiresAt,
            @Nullable String timeLeft,
            @Nullable String policyName,
            @Nullable Boolean removed,
            @Nullable Instant removedAt,
            @Nullable String removalProblem,
            boolean reminded) {

        static View of(PolicyException e, Instant now) {
            Duration left = e.timeLeft(now);
            return new View(
                    e.id(),
                    e.state().name(),
                    e.namespace(),
                    e.flowJson(),
                    e.flowWords(),
                    e.tier(),
                    e.tierOwners(),
                    e.deniedBy(),
                    e.reason(),
                    e.requestedDuration().toString(),
                    e.requested(),
                    e.requester().username(),
                    e.requestedAt(),
                    e.approver() == null ? null : e.approver().username(),
                    e.decidedAt(),
                    e.decisionReason(),
                    e.granted(),
                    e.expiresAt(),
                    left == null || e.state() != ExceptionState.ACTIVE
                            ? null
                            : left.withNanos(0).toString(),
                    e.policyName(),
                    e.state().owesRemoval() ? e.removedAt() != null : null,
                    e.removedAt(),
                    e.removalOwed() ? e.lastRemovalError() : null,
                    e.state() == ExceptionState.ACTIVE && e.remindedAt() != null);
        }

        /** "1 h 20 min left", for the pages. */
        public String timeLeftWords() {
            if (timeLeft == null) {
                return "";
            }
            Duration d = Duration.parse(timeLeft);
            long h = d.toHours();
            long m = d.toMinutesPart();
            long s = d.toSecondsPart();
            return h > 0 ? h + " h " + m + " min left" : m > 0 ? m + " min " + s + " s left" : s + " s left";
        }
    }
}
