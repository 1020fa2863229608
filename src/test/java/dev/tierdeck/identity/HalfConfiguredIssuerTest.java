package dev.tierdeck.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.Tierdeck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** An external issuer without a client secret ends the start with one line naming the missing setting. */
class HalfConfiguredIssuerTest {

    @Test
    void anIssuerWithoutAClientSecretEndsTheStartWithOneLineAndAnErrorExitStatus() throws Exception {
        var process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Tierdeck.class.getName())
                .redirectErrorStream(true);
        process.environment().put("TIERDECK_IDENTITY_ISSUER_URI", "https://login.example.org/realms/tierdeck");
        process.environment().remove("TIERDECK_IDENTITY_CLIENT_SECRET");

        var run = process.start();
        String output = readAll(run);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isNotZero();
        assertThat(output.lines().filter(line -> line.contains("TIERDECK_IDENTITY_CLIENT_SECRET")))
                .containsExactly(
                        "Missing setting TIERDECK_IDENTITY_CLIENT_SECRET (tierdeck.identity.client-secret):"
                                + " TIERDECK_IDENTITY_ISSUER_URI is set (https://login.example.org/realms/tierdeck),"
                                + " so the portal signs in there and needs its client secret",
                        "Set TIERDECK_IDENTITY_CLIENT_SECRET (tierdeck.identity.client-secret), or unset"
                                + " TIERDECK_IDENTITY_ISSUER_URI to use the built-in demo identity provider, and start"
                                + " Tierdeck again.");
        assertThat(output).doesNotContain("\tat ").doesNotContain("Tomcat started");
    }

    @Test
    void anIssuerWithASecretOrNoIssuerAtAllPassesTheCheck() {
        IdentitySettingsCheck.check(new MockEnvironment());
        IdentitySettingsCheck.check(new MockEnvironment()
                .withProperty("tierdeck.identity.issuer-uri", "https://login.example.org")
                .withProperty("tierdeck.identity.client-secret", "s3cret"));
    }

    @Test
    void aBlankSecretCountsAsMissing() {
        assertThatThrownBy(() -> IdentitySettingsCheck.check(new MockEnvironment()
                        .withProperty("tierdeck.identity.issuer-uri", "https://login.example.org")
                        .withProperty("tierdeck.identity.client-secret", "  ")))
                .isInstanceOf(IdentitySettingMissingException.class)
                .hasMessageStartingWith("Missing setting TIERDECK_IDENTITY_CLIENT_SECRET");
    }

    private static String readAll(Process process) throws IOException {
        try (var in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
