package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.AssertionChecker;
import dev.tierdeck.engine.assertion.AssertionResult;
import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a draft would do to the stored assertions: every assertion (global ones and every namespace's, whoever may
 * read them) is checked exactly against the cluster with the draft in place of its enforced counterpart, as the
 * command line's {@code assert --change} does. An assertion the draft makes fail is a blocking problem at the draft's
 * rule that decides the example; one already failing today for reasons the draft does not decide is reported without
 * blocking, so that a draft is never held up by someone else's violation.
 */
@Component
public class DraftAssertions {

    private final ClusterAssertions cluster;
    private final Assertions assertions;
    private final Examples examples;
    private final Permissions permissions;

    DraftAssertions(ClusterAssertions cluster, Assertions assertions, Examples examples, Permissions permissions) {
        this.cluster = cluster;
        this.assertions = assertions;
        this.examples = examples;
        this.permissions = permissions;
    }

    /** The findings for {@code draft}, blocking ones first, each worded for {@code user}. */
    public List<AssertionFinding> check(CurrentUser user, CalicoPolicy draft) {
        List<ClusterAssertions.Checked> today = cluster.today();
        if (today.isEmpty()) {
            return List.of();
        }
        List<AssertionResult> after = AssertionChecker.check(
                cluster.cluster(),
                new Change(List.of(draft), List.of()),
                today.stream().map(c -> c.stored().assertion()).toList());
        PolicyDisclosure reader = permissions.disclosureTo(user);
        List<AssertionFinding> blocking = new ArrayList<>();
        List<AssertionFinding> notes = new ArrayList<>();
        for (int i = 0; i < today.size(); i++) {
            AssertionResult result = after.get(i);
            if (result.status() != AssertionResult.Status.VIOLATED) {
                continue;
            }
            StoredAssertion stored = today.get(i).stored();
            boolean violatedToday = today.get(i).result().status() == AssertionResult.Status.VIOLATED;
            AssertionResult.DecidingHit byDraft = decidedByDraft(result, draft);
            boolean blocks = !violatedToday || byDraft != null;
            AssertionFinding f = new AssertionFinding(
                    field(byDraft),
                    message(user, reader, stored, result, blocks),
                    assertions.mayRead(user, stored) ? stored.name() : null,
                    stored.scope(),
                    blocks);
            (blocks ? blocking : notes).add(f);
        }
        blocking.addAll(notes);
        return List.copyOf(blocking);
    }

    /** The blocking findings only. */
    public List<AssertionFinding> blocking(CurrentUser user, CalicoPolicy draft) {
        return check(user, draft).stream().filter(AssertionFinding::blocking).toList();
    }

    private static AssertionResult.@Nullable DecidingHit decidedByDraft(AssertionResult result, CalicoPolicy draft) {
        AssertionResult.Example e = Objects.requireNonNull(result.example());
        for (AssertionResult.DecidingHit d : e.decidedBy()) {
            PolicyHit h = d.hit();
            if (h.kind().equals(draft.kind().name())
                    && Objects.equals(h.namespace(), draft.namespace())
                    && h.name().equals(draft.name())) {
                return d;
            }
        }
        return null;
    }

    /** {@code spec.ingress[1]} for a rule (counted from 0 as in the manifest), the direction for an end of tier. */
    static String field(AssertionResult.@Nullable DecidingHit byDraft) {
        if (byDraft == null) {
            return "spec";
        }
        PolicyHit h = byDraft.hit();
        if (PolicyHit.END_OF_TIER.equals(h.kind()) || h.ruleIndex() < 0) {
            return "spec." + byDraft.direction();
        }
        return "spec." + byDraft.direction() + "[" + h.ruleIndex() + "]";
    }

    private String message(
            CurrentUser user, PolicyDisclosure reader, StoredAssertion stored, AssertionResult result, boolean blocks) {
        String who = assertions.mayRead(user, stored)
                ? "Assertion " + stored.name() + " (" + stored.scope() + ")"
                : "An assertion of " + reader.owner(stored.namespace(), "");
        String expect = stored.assertion().expect().name().toLowerCase(Locale.ROOT);
        Examples.View view = examples.view(user, reader, result);
        String example = view.shown()
                ? ": " + view.pair() + " would be " + view.trace()
                : " (the contradicting connection is outside your namespaces)";
        return who + " expects " + expect + (blocks ? " and this draft would violate it" : ", and is already violated")
                + example + (blocks ? "." : "; this draft does not decide it.");
    }
}
