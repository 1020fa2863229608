package dev.tierdeck.system.startup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.system.MissingSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DatasourceSettingsCheckTest {

    private static final String EXTERNAL = "jdbc:postgresql://db.example.org:5432/tierdeck";

    @Test
    void nothingConfiguredMeansTheEmbeddedDatabase() {
        assertThatCode(() -> DatasourceSettingsCheck.check(new MockEnvironment()))
                .doesNotThrowAnyException();
    }

    @Test
    void aUrlWithoutUsernameNamesTheUsername() {
        var environment = new MockEnvironment().withProperty("spring.datasource.url", EXTERNAL);

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .isInstanceOf(MissingSettingException.class)
                .hasMessage("Missing setting SPRING_DATASOURCE_USERNAME (spring.datasource.username):"
                        + " SPRING_DATASOURCE_URL points at an external PostgreSQL but names no user to log in as");
    }

    @Test
    void aUrlWithUsernameButNoPasswordNamesThePassword() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", EXTERNAL)
                .withProperty("spring.datasource.username", "tierdeck");

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .isInstanceOf(MissingSettingException.class)
                .extracting(e -> ((MissingSettingException) e).setting())
                .isEqualTo("SPRING_DATASOURCE_PASSWORD (spring.datasource.password)");
    }

    @Test
    void credentialsMayTravelInTheUrl() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", EXTERNAL + "?sslmode=require&user=tierdeck&password=s3cret");

        assertThatCode(() -> DatasourceSettingsCheck.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyPasswordSaysTheServerNeedsNone() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", EXTERNAL)
                .withProperty("spring.datasource.username", "tierdeck")
                .withProperty("spring.datasource.password", "");

        assertThatCode(() -> DatasourceSettingsCheck.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void aUserParameterWithoutValueIsNoUsername() {
        var environment = new MockEnvironment().withProperty("spring.datasource.url", EXTERNAL + "?user=");

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .hasMessageStartingWith("Missing setting SPRING_DATASOURCE_USERNAME");
    }

    @Test
    void aUsernameWithoutUrlNamesTheUrlInsteadOfFallingBackToTheEmbeddedDatabase() {
        var environment = new MockEnvironment().withProperty("spring.datasource.username", "tierdeck");

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .hasMessage("Missing setting SPRING_DATASOURCE_URL (spring.datasource.url):"
                        + " SPRING_DATASOURCE_USERNAME is set, so an external PostgreSQL is meant, but there is no"
                        + " URL to reach it (unset the credentials to use the embedded database)");
    }

    @Test
    void aPasswordWithoutUrlNamesTheUrl() {
        var environment = new MockEnvironment().withProperty("spring.datasource.password", "s3cret");

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .hasMessageStartingWith("Missing setting SPRING_DATASOURCE_URL (spring.datasource.url):"
                        + " SPRING_DATASOURCE_PASSWORD is set");
    }

    @Test
    void switchingTheEmbeddedDatabaseOffRequiresAnExternalOne() {
        var environment = new MockEnvironment().withProperty("tierdeck.database.embedded.enabled", "false");

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .hasMessageContaining("SPRING_DATASOURCE_URL")
                .hasMessageContaining("tierdeck.database.embedded.enabled=false");
    }

    @Test
    void aSeparateMigrationRoleNeedsItsPassword() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", EXTERNAL)
                .withProperty("spring.datasource.username", "tierdeck_app")
                .withProperty("spring.datasource.password", "app-secret")
                .withProperty("spring.flyway.user", "tierdeck_owner");

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .hasMessageStartingWith("Missing setting SPRING_FLYWAY_PASSWORD (spring.flyway.password):");
    }

    @Test
    void aSeparateMigrationRoleNeedsAnExternalDatabase() {
        var environment = new MockEnvironment().withProperty("spring.flyway.user", "tierdeck_owner");

        assertThatThrownBy(() -> DatasourceSettingsCheck.check(environment))
                .hasMessageStartingWith(
                        "Missing setting SPRING_DATASOURCE_URL (spring.datasource.url): SPRING_FLYWAY_USER is set");
    }
}
