package dev.tierdeck.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileTest {

    private final List<String> instructions = instructions(Path.of("Dockerfile"));

    @Test
    void buildsWithTheWrapperOnAJdkAndRunsOnAJre() {
        assertThat(instructions.stream().filter(line -> line.startsWith("FROM ")))
                .containsExactly("FROM eclipse-temurin:21-jdk AS build", "FROM eclipse-temurin:21-jre");
        assertThat(instructions)
                .anyMatch(line -> line.startsWith("RUN ") && line.contains("./mvnw") && line.contains(" package"));
    }

    @Test
    void runsTheJarAsTheUnprivilegedUserTheChartExpects() {
        var finalStage = instructions.subList(instructions.indexOf("FROM eclipse-temurin:21-jre"), instructions.size());

        assertThat(finalStage).contains("USER 10001:10001");
        assertThat(finalStage.getLast()).isEqualTo("ENTRYPOINT [\"java\", \"-jar\", \"/app/tierdeck.jar\"]");
        assertThat(finalStage.indexOf("USER 10001:10001"))
                .as("the user is switched before the entry point")
                .isLessThan(finalStage.size() - 1);
        assertThat(finalStage).anyMatch(line -> line.startsWith("EXPOSE ") && line.contains("8080"));
    }

    @Test
    void buildContextLeavesOutBuildOutputAndLocalData() throws IOException {
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("target/", ".tierdeck/", ".git");
    }

    /** Instructions with comments dropped and continuation lines joined. */
    private static List<String> instructions(Path dockerfile) {
        try {
            var joined = String.join(
                            "\n",
                            Files.readAllLines(dockerfile).stream()
                                    .filter(line -> !line.strip().startsWith("#"))
                                    .toList())
                    .replaceAll("\\\\\n\\s*", " ");
            return joined.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
