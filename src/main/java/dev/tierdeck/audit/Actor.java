package dev.tierdeck.audit;

import dev.tierdeck.identity.CurrentUser;

/**
 * Who made a change. The issuer and subject together identify the person for good (names and e-mail addresses
 * change, the {@code sub} of an issuer does not); the display name is what people read in the trail.
 *
 * @param issuer the OIDC issuer that vouched for the person, or {@link #SYSTEM_ISSUER} for the portal itself
 * @param subject the issuer's subject ({@code sub})
 * @param displayName a human name at the time of the change
 */
public record Actor(String issuer, String subject, String displayName) {

    /** Issuer of changes the portal makes on its own (a reconciler settling a promotion, a scheduled job). */
    public static final String SYSTEM_ISSUER = "tierdeck";

    public Actor {
        issuer = AuditText.required("actor issuer", issuer, AuditText.NAME_LIMIT);
        subject = AuditText.required("actor subject", subject, AuditText.NAME_LIMIT);
        displayName = AuditText.required("actor display name", displayName, AuditText.NAME_LIMIT);
    }

    /**
     * The signed-in user of the current request. A sign-in without an issuer (none in production) is recorded
     * with the issuer {@code unknown}, so that the record still names the subject.
     */
    public static Actor of(CurrentUser user) {
        return new Actor(user.issuer().isBlank() ? "unknown" : user.issuer(), user.subject(), user.displayName());
    }

    /** The portal itself acting through one of its components, e.g. {@code system("reconciler")}. */
    public static Actor system(String component) {
        return new Actor(SYSTEM_ISSUER, "system:" + component, "Tierdeck " + component);
    }
}
