package dev.tierdeck.tier;

import dev.tierdeck.engine.text.TextInput;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reading and changing the guardrails: admins only, every change validated and kept as a new version. */
@Component
class GuardrailAdministration {

    static final int MAX_COMMENT = 2000;

    private final GuardrailStore store;
    private final TierAudit audit;
    private final Permissions permissions;

    GuardrailAdministration(GuardrailStore store, TierAudit audit, Permissions permissions) {
        this.store = store;
        this.audit = audit;
        this.permissions = permissions;
    }

    GuardrailVersion current(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return store.current();
    }

    List<GuardrailVersion> history(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return store.history();
    }

    /**
     * Why a comment given with a change of the console cannot be taken (it goes into the audit trail), or null: at most
     * {@value #MAX_COMMENT} characters, no control characters but tabs and line breaks.
     */
    static @Nullable String commentProblem(@Nullable String comment) {
        String problem = TextInput.problem(comment == null ? null : comment.trim(), TextInput.Kind.TEXT, MAX_COMMENT);
        return problem == null ? null : "The comment " + problem + ".";
    }

    @Transactional
    GuardrailVersion save(
            CurrentUser user, @Nullable GuardrailRules rules, @Nullable String comment, @Nullable Integer baseVersion) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        List<InvalidField> problems = new ArrayList<>(GuardrailValidation.problems(rules));
        String why = comment == null ? "" : comment.trim();
        if (why.isEmpty()) {
            problems.add(new InvalidField("comment", "Say why the guardrails change."));
        } else if (commentProblem(why) != null) {
            problems.add(new InvalidField("comment", commentProblem(why)));
        }
        if (!problems.isEmpty()) {
            throw TierProblem.invalid(problems);
        }
        GuardrailVersion before = store.current();
        try {
            GuardrailVersion saved = store.save(rules, user, why, baseVersion);
            audit.guardrails(user, before, saved);
            return saved;
        } catch (GuardrailConflictException e) {
            throw TierProblem.conflict(e.getMessage());
        }
    }
}
