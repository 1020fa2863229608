package dev.tierdeck.identity;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start with an external issuer configured by halves, before anything else starts: an issuer
 * without a client secret would otherwise fail only at the first sign-in, with an error page for the user.
 */
class IdentitySettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        check(context.getEnvironment());
    }

    static void check(Environment environment) {
        String issuer = environment.getProperty("tierdeck.identity.issuer-uri", "");
        if (StringUtils.hasText(issuer)
                && !StringUtils.hasText(environment.getProperty("tierdeck.identity.client-secret"))) {
            throw new IdentitySettingMissingException(
                    "TIERDECK_IDENTITY_CLIENT_SECRET (tierdeck.identity.client-secret)",
                    "Missing setting TIERDECK_IDENTITY_CLIENT_SECRET (tierdeck.identity.client-secret):"
                            + " TIERDECK_IDENTITY_ISSUER_URI is set (" + issuer.strip()
                            + "), so the portal signs in there and needs its client secret");
        }
    }
}
