package dev.tierdeck.tenancy;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * The answer to "may this user do this": allowed, or refused with a sentence that says why and, where there is one,
 * who may instead. The sentence is shown to the user as it is.
 *
 * @param cause what refused it, so that a form can put the message at the field that caused it; null when allowed
 */
public record Decision(
        boolean allowed, String reason, @Nullable Cause cause) {

    static final Decision ALLOWED = new Decision(true, "", null);

    /** What stands in the way. */
    public enum Cause {
        /** The user's roles do not allow the action at all (a viewer changing, a developer in the console). */
        ROLE,
        /** The namespace belongs to none of the user's teams, or they are in none of its approver groups. */
        OWNERSHIP,
        /** The tier's governance: locked to other owners, confidential, or not a developer tier. */
        TIER,
        /** The user made the change they want to approve. */
        AUTHOR
    }

    static Decision refused(Cause cause, String reason) {
        return new Decision(false, reason, cause);
    }

    /** @throws AccessDeniedException with the reason when refused */
    public void orThrow() {
        if (!allowed) {
            throw new AccessDeniedException(reason);
        }
    }
}
