package dev.tierdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A first argument the jar does not know prints the usage and exits 2: a typo never starts the portal. */
class UnknownCommandTest {

    @Test
    void theJarsMainPrintsTheUsageAndExits2WithoutStartingThePortal() throws Exception {
        Process run = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Tierdeck.class.getName(),
                        "nosuchcommand")
                .redirectErrorStream(true)
                .start();
        String output = readAll(run);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(Cli.BAD_INPUT);
        assertThat(output)
                .contains("tierdeck: unknown command 'nosuchcommand'")
                .contains("usage: tierdeck <command> [options]")
                .doesNotContain("Tomcat")
                .doesNotContain("Started Tierdeck");
    }

    @Test
    void anyFirstArgumentThatIsNotAnOptionIsACommand() {
        assertThat(Cli.handles(new String[] {"nosuchcommand"})).isTrue();
        assertThat(Cli.handles(new String[] {"evalute", "--cluster", "x"})).isTrue();
        assertThat(Cli.handles(new String[] {"evaluate"})).isTrue();
        assertThat(Cli.handles(new String[] {"--help"})).isTrue();
        assertThat(Cli.handles(new String[] {}))
                .as("no argument starts the portal")
                .isFalse();
        assertThat(Cli.handles(new String[] {"--server.port=9090"}))
                .as("options are the portal's")
                .isFalse();
    }

    @Test
    void unknownCommandsAreBadInputAndHelpIsNot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int unknown = Cli.run(
                new String[] {"evalute"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int help = Cli.run(
                new String[] {"help"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(unknown).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'evalute'", "usage:");
        assertThat(help).isEqualTo(Cli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    private static String readAll(Process process) throws IOException {
        try (var in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
