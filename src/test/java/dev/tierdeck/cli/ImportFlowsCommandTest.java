package dev.tierdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.identity.TrustedIssuer;
import dev.tierdeck.identity.demo.DemoSignIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code tierdeck import-flows} against a running portal, with access tokens of the demo identity provider. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportFlowsCommandTest {

    @LocalServerPort
    int port;

    @Autowired
    TrustedIssuer issuer;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void emptyHistory() {
        jdbc.execute("truncate flow_bucket");
    }

    int run(Map<String, String> env, String... args) {
        return Cli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    String url() {
        return "http://localhost:" + port;
    }

    String accessToken(String user) throws Exception {
        return new DemoSignIn()
                .tokens(issuer.uri(), port, user)
                .get("access_token")
                .asString();
    }

    Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    static String flowLine(String port) {
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        return "{\"start_time\":\"" + day + "T10:00:00Z\",\"action\":\"Allow\",\"source_name\":\"a-*\","
                + "\"source_namespace\":\"x\",\"dest_name\":\"b-*\",\"dest_namespace\":\"y\",\"protocol\":\"TCP\","
                + "\"dest_port\":" + port + ",\"reporter\":\"Src\"}\n";
    }

    long storedRows() {
        return jdbc.queryForObject("select count(*) from flow_bucket", Long.class);
    }

    @Test
    void importsAValidFileIntoTheRunningPortalWithATokenFile() throws Exception {
        Path token = write("token", accessToken("admin") + "\n");
        Path flows = write("flows.jsonl", flowLine("80") + flowLine("443"));

        int status = run(Map.of(), "import-flows", "--url", url(), "--token-file", token.toString(), flows.toString());

        assertThat(status).as(err.toString()).isEqualTo(Cli.OK);
        assertThat(out.toString())
                .contains("2 flows (WHISKER) valid")
                .contains("imported 2 of 2 flows (WHISKER), 0 older than the retention skipped");
        assertThat(storedRows()).isEqualTo(2);
    }

    @Test
    void takesTheTokenFromTheEnvironment() throws Exception {
        Path flows = write("flows.jsonl", flowLine("53"));

        int status = run(
                Map.of("TIERDECK_TOKEN", accessToken("security")), "import-flows", "--url", url(), flows.toString());

        assertThat(status).as(err.toString()).isEqualTo(Cli.OK);
        assertThat(storedRows()).isEqualTo(1);
    }

    @Test
    void aMalformedFileIsRefusedLocallyByLineAndNothingIsSent() throws Exception {
        Path flows = write("bad.jsonl", flowLine("80") + flowLine("\"abc\""));

        int status = run(Map.of("TIERDECK_TOKEN", "unused"), "import-flows", "--url", url(), flows.toString());

        assertThat(status).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString())
                .contains("bad.jsonl is not a valid flow file; nothing was sent")
                .contains("bad.jsonl: line 2: dest_port: expected a number 0..65535, got \"abc\"");
        assertThat(out.toString()).isEmpty();
        assertThat(storedRows()).isZero();
    }

    @Test
    void anInvalidTokenFailsWithTheReason() throws Exception {
        Path flows = write("flows.jsonl", flowLine("80"));

        int status = run(Map.of("TIERDECK_TOKEN", "not-a-jwt"), "import-flows", "--url", url(), flows.toString());

        assertThat(status).isEqualTo(Cli.INTERNAL_ERROR);
        assertThat(err.toString()).contains("the portal refused the file: 401 the access token was not accepted");
        assertThat(storedRows()).isZero();
    }

    @Test
    void aTokenOfAUserWhoMayNotImportFailsWithTheReason() throws Exception {
        Path flows = write("flows.jsonl", flowLine("80"));

        int status =
                run(Map.of("TIERDECK_TOKEN", accessToken("viewer")), "import-flows", "--url", url(), flows.toString());

        assertThat(status).isEqualTo(Cli.INTERNAL_ERROR);
        assertThat(err.toString()).contains("403 the token's user may not import flows");
        assertThat(storedRows()).isZero();
    }

    @Test
    void withoutATokenNothingIsSent() throws Exception {
        Path flows = write("flows.jsonl", flowLine("80"));

        int status = run(Map.of(), "import-flows", "--url", url(), flows.toString());

        assertThat(status).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("no access token: pass --token-file FILE or set TIERDECK_TOKEN");
        assertThat(storedRows()).isZero();
    }

    @Test
    void anUnreachablePortalIsAnError() throws Exception {
        Path flows = write("flows.jsonl", flowLine("80"));

        int status =
                run(Map.of("TIERDECK_TOKEN", "t"), "import-flows", "--url", "http://localhost:1", flows.toString());

        assertThat(status).isEqualTo(Cli.INTERNAL_ERROR);
        assertThat(err.toString()).contains("cannot connect to http://localhost:1");
    }
}
