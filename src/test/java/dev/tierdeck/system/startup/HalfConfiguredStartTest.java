package dev.tierdeck.system.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting the real jar entry point in its own JVM with a datasource configured by halves. */
class HalfConfiguredStartTest {

    @Test
    void aUrlWithoutCredentialsEndsTheStartWithOneLineAndAnErrorExitStatus() throws Exception {
        var process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Tierdeck.class.getName())
                .redirectErrorStream(true);
        process.environment().put("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.example.org:5432/tierdeck");
        process.environment().remove("SPRING_DATASOURCE_USERNAME");
        process.environment().remove("SPRING_DATASOURCE_PASSWORD");

        var run = process.start();
        String output = readAll(run);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isNotZero();
        assertThat(output.lines().filter(line -> line.contains("SPRING_DATASOURCE_USERNAME")))
                .containsExactly(
                        "Missing setting SPRING_DATASOURCE_USERNAME (spring.datasource.username):"
                                + " SPRING_DATASOURCE_URL points at an external PostgreSQL but names no user to log in"
                                + " as",
                        "Set SPRING_DATASOURCE_USERNAME (spring.datasource.username) and start Tierdeck again.");
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static String readAll(Process process) throws IOException {
        try (var in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
