package dev.tierdeck.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reason a requester gives for an adoption, a rollback or a withdrawal: required, at most
 * {@link PolicyDrafts#REASON_LIMIT} characters, kept in the audit record and shown to the approver.
 */
public final class ChangeReasons {

    /** The field a missing or overlong reason is reported at, in forms and API problem documents alike. */
    public static final String FIELD = "reason";

    private ChangeReasons() {}

    /**
     * @param what what the reason should say, e.g. {@code why the policy is withdrawn}
     * @return the reason, trimmed
     * @throws PolicyRejectedException at {@link #FIELD} when it is missing or too long
     */
    public static String required(@Nullable String reason, String what) {
        String text = optional(reason);
        if (text == null) {
            throw new PolicyRejectedException(
                    List.of(new PolicyProblem(FIELD, "Give a reason: say " + what + ".", null, true)));
        }
        return text;
    }

    /** The reason trimmed, null when blank; too long still refused. */
    public static @Nullable String optional(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String text = reason.strip();
        if (text.length() > PolicyDrafts.REASON_LIMIT) {
            throw new PolicyRejectedException(List.of(new PolicyProblem(
                    FIELD, "The reason has at most " + PolicyDrafts.REASON_LIMIT + " characters.", null, true)));
        }
        return text;
    }
}
