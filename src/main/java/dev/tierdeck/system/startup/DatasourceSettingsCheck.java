package dev.tierdeck.system.startup;

import dev.tierdeck.system.MissingSettingException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Refuses to start with an external database configured by halves. Without this a URL without credentials
 * fails later with a driver stack trace, and credentials without a URL are silently ignored in favour of the
 * embedded database, which is worse: the portal would run on the wrong data.
 *
 * <p>Runs as a context initializer rather than an environment post-processor so that logging is already set
 * up and the report reads like every other start-up message.
 */
class DatasourceSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String URL = "SPRING_DATASOURCE_URL (spring.datasource.url)";
    private static final String USERNAME = "SPRING_DATASOURCE_USERNAME (spring.datasource.username)";
    private static final String PASSWORD = "SPRING_DATASOURCE_PASSWORD (spring.datasource.password)";
    private static final String MIGRATION_PASSWORD = "SPRING_FLYWAY_PASSWORD (spring.flyway.password)";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        check(context.getEnvironment());
    }

    static void check(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "").strip();
        boolean username = environment.containsProperty("spring.datasource.username");
        boolean password = environment.containsProperty("spring.datasource.password");
        boolean migrationUser = environment.containsProperty("spring.flyway.user");
        if (url.isEmpty()) {
            if (username || password || migrationUser) {
                String given = username
                        ? "SPRING_DATASOURCE_USERNAME"
                        : password ? "SPRING_DATASOURCE_PASSWORD" : "SPRING_FLYWAY_USER";
                throw new MissingSettingException(
                        URL,
                        given + " is set, so an external PostgreSQL is meant, but there is no URL to reach it"
                                + " (unset the credentials to use the embedded database)");
            }
            if (!environment.getProperty("tierdeck.database.embedded.enabled", Boolean.class, true)) {
                throw new MissingSettingException(
                        URL,
                        "the embedded database is switched off (tierdeck.database.embedded.enabled=false)"
                                + " and no external PostgreSQL is configured");
            }
            return;
        }
        if (!username && !urlParameter(url, "user")) {
            throw new MissingSettingException(
                    USERNAME, "SPRING_DATASOURCE_URL points at an external PostgreSQL but names no user to log in as");
        }
        if (!password && !urlParameter(url, "password")) {
            throw new MissingSettingException(
                    PASSWORD,
                    "SPRING_DATASOURCE_URL points at an external PostgreSQL but no password is configured"
                            + " (set it to an empty value if the server authenticates otherwise)");
        }
        if (migrationUser && !environment.containsProperty("spring.flyway.password")) {
            throw new MissingSettingException(
                    MIGRATION_PASSWORD,
                    "SPRING_FLYWAY_USER names a separate role to run the migrations as, but no password for it is"
                            + " configured (set it to an empty value if the server authenticates otherwise)");
        }
    }

    private static boolean urlParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            if (parameter.startsWith(name + "=") && parameter.length() > name.length() + 1) {
                return true;
            }
        }
        return false;
    }
}
