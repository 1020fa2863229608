package dev.tierdeck.policy;

import org.jspecify.annotations.Nullable;

/**
 * The rule of the life cycle: which action applies to a draft in which state (and with which pending change, and
 * whether a version is in force), and in which words it is refused otherwise. {@link PolicyDraft} asks it before
 * every transition; {@code policy/lifecycle.csv} in the tests is the same rule as a table.
 */
final class LifecycleRules {

    private LifecycleRules() {}

    /** Why {@code action} does not apply to {@code d} now, in words for the user; null when it does. */
    static @Nullable String refusal(PolicyDraft d, PolicyAction action) {
        boolean withdrawal = d.change() == ChangeKind.WITHDRAWAL;
        String it = d.ref().toString();
        PolicyState state = d.state();
        return switch (action) {
            case SAVE, ROLL_BACK -> null;
            case STAGE ->
                switch (state) {
                    case DRAFT, STAGED, REJECTED -> null;
                    case AWAITING_APPROVAL ->
                        withdrawal
                                ? "The withdrawal of " + it + " waits for an approver; edit it to stage a"
                                        + " change instead."
                                : it + " is staged and waits for an approver; edit it to stage a different"
                                        + " change.";
                    case APPROVED ->
                        withdrawal
                                ? "The withdrawal of " + it + " is approved: withdraw it, or edit it to stage"
                                        + " a change instead."
                                : it + " is approved as staged: promote it, or edit it to stage a different"
                                        + " change.";
                    case ENFORCED -> it + " is in force as it is; edit it before staging a change.";
                    case WITHDRAWN -> it + " is withdrawn; edit it or roll back to a version before staging it again.";
                };
            case REQUEST_APPROVAL ->
                state == PolicyState.STAGED
                        ? null
                        : "Only a staged change is sent for approval; " + it + " is " + state.words() + ".";
            case APPROVE, REJECT ->
                state == PolicyState.AWAITING_APPROVAL
                        ? null
                        : it + " does not wait for an approver (it is " + state.words() + ").";
            case PROMOTE -> promoteRefusal(d, it, withdrawal);
            case REQUEST_WITHDRAWAL, WITHDRAW -> withdrawRefusal(d, action, it, withdrawal);
            case DISCARD ->
                d.enforcedVersion() == null
                        ? null
                        : "Version " + d.enforcedVersion() + " of " + it + " is in force: withdraw it rather than"
                                + " delete the draft.";
        };
    }

    private static @Nullable String promoteRefusal(PolicyDraft d, String it, boolean withdrawal) {
        String note = d.note();
        return switch (d.state()) {
            case STAGED -> null;
            case APPROVED ->
                withdrawal
                        ? "The withdrawal of " + it + " was approved: withdraw it, or edit it and stage a change."
                        : null;
            case DRAFT -> it + " is not staged yet: stage it, then promote it.";
            case AWAITING_APPROVAL ->
                withdrawal
                        ? "The withdrawal of " + it + " waits for an approver; nothing is promoted meanwhile."
                        : it + " is waiting for an approver; it can be promoted once approved.";
            case REJECTED ->
                it + " was rejected" + (note == null ? "" : ": " + note) + ". Change it and stage it again.";
            case ENFORCED -> it + " is already in force as it is.";
            case WITHDRAWN -> it + " is withdrawn; edit it or roll back to a version, then stage it.";
        };
    }

    private static @Nullable String withdrawRefusal(PolicyDraft d, PolicyAction action, String it, boolean withdrawal) {
        PolicyState state = d.state();
        if (withdrawal && state == PolicyState.AWAITING_APPROVAL) {
            return action == PolicyAction.WITHDRAW
                    ? "The withdrawal of " + it + " waits for an approver; it is carried out once approved."
                    : "The withdrawal of " + it + " already waits for an approver.";
        }
        if (withdrawal && state == PolicyState.APPROVED) {
            return action == PolicyAction.WITHDRAW ? null : "The withdrawal of " + it + " is approved: withdraw it.";
        }
        if (state == PolicyState.WITHDRAWN) {
            return it + " is already withdrawn.";
        }
        if (d.enforcedVersion() == null) {
            return "Nothing of " + it + " was put in force from Tierdeck; delete the draft instead.";
        }
        return null;
    }
}
