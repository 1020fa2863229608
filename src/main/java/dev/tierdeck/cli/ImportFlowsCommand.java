package dev.tierdeck.cli;

import dev.tierdeck.flow.format.FlowFiles;
import dev.tierdeck.flow.format.FlowImportException;
import dev.tierdeck.flow.format.ImportProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tierdeck import-flows --url PORTAL (--token-file FILE | env TIERDECK_TOKEN) FLOWS}: validates a flow file
 * with the portal's own reader, so a broken file never leaves the machine, then posts it to
 * {@code /api/v1/flows/import} with a bearer token and prints what the portal stored.
 */
final class ImportFlowsCommand {

    static final String TOKEN_ENV = "TIERDECK_TOKEN";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Arguments(URI url, String token, Path file) {}

    private ImportFlowsCommand() {}

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            return execute(args, env, out, err);
        } catch (BadInputException e) {
            err.println("tierdeck: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
    }

    private static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws BadInputException {
        Arguments a = arguments(args, env);
        byte[] content = read(a.file());
        FlowFiles.Parsed parsed;
        try {
            // the time only completes flows JSONL lines without one; the portal stamps them again on import
            parsed = FlowFiles.parse(content, Instant.now());
        } catch (FlowImportException e) {
            StringBuilder message =
                    new StringBuilder("import-flows: " + a.file() + " is not a valid flow file; nothing was sent");
            for (ImportProblem p : e.problems()) {
                message.append('\n').append(a.file()).append(": ").append(p);
            }
            throw new BadInputException(message.toString());
        }
        out.println(a.file() + ": " + parsed.flows().size() + " flows (" + parsed.format() + ") valid, sending to "
                + a.url());
        return send(a, content, out, err);
    }

    private static Arguments arguments(String[] args, Map<String, String> env) throws BadInputException {
        @Nullable String url = null;
        @Nullable String tokenFile = null;
        @Nullable String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--url" -> url = value(args, ++i, arg);
                case "--token-file" -> tokenFile = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new BadInputException("import-flows: unknown option " + arg + "\n" + Cli.USAGE);
                    }
                    if (file != null) {
                        throw new BadInputException(
                                "import-flows: one flow file at a time, got " + file + " and " + arg);
                    }
                    file = arg;
                }
            }
        }
        if (url == null) {
            throw new BadInputException(
                    "import-flows: --url is required (the portal, e.g. https://tierdeck.example.com)");
        }
        if (file == null) {
            throw new BadInputException("import-flows: name the flow file to import\n" + Cli.USAGE);
        }
        return new Arguments(portal(url), token(tokenFile, env), Path.of(file));
    }

    private static String value(String[] args, int i, String option) throws BadInputException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new BadInputException("import-flows: " + option + " needs a value");
        }
        return args[i];
    }

    private static URI portal(String url) throws BadInputException {
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new BadInputException("import-flows: --url must be an http(s) address, got " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadInputException("import-flows: --url is not an address: " + e.getMessage());
        }
    }

    private static String token(@Nullable String tokenFile, Map<String, String> env) throws BadInputException {
        String token;
        String from;
        if (tokenFile != null) {
            from = tokenFile;
            try {
                token = Files.readString(Path.of(tokenFile)).strip();
            } catch (IOException e) {
                throw new BadInputException("import-flows: cannot read the token file " + tokenFile + ": " + e);
            }
        } else {
            from = "$" + TOKEN_ENV;
            token = env.getOrDefault(TOKEN_ENV, "").strip();
            if (token.isEmpty()) {
                throw new BadInputException(
                        "import-flows: no access token: pass --token-file FILE or set " + TOKEN_ENV);
            }
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new BadInputException("import-flows: the token in " + from + " is empty or not a bearer token");
        }
        return token;
    }

    private static byte[] read(Path file) throws BadInputException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("import-flows: " + file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("import-flows: " + file + ": cannot read: " + e.getMessage());
        }
    }

    private static int send(Arguments a, byte[] content, PrintStream out, PrintStream err) {
        URI endpoint = URI.create(a.url() + "/api/v1/flows/import");
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + a.token())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .build();
        HttpResponse<String> response;
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("import-flows: cannot connect to " + a.url() + ": " + e);
            return Cli.INTERNAL_ERROR;
        } catch (HttpTimeoutException e) {
            err.println("import-flows: " + a.url() + " did not answer in time");
            return Cli.INTERNAL_ERROR;
        } catch (IOException e) {
            err.println("import-flows: sending to " + endpoint + " failed: " + e);
            return Cli.INTERNAL_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("import-flows: interrupted");
            return Cli.INTERNAL_ERROR;
        }
        JsonNode body = json(response.body());
        if (response.statusCode() == 200 && body != null && body.has("imported")) {
            out.println("imported " + body.path("imported").asLong() + " of "
                    + body.path("flows").asLong()
                    + " flows (" + body.path("format").asString() + "), "
                    + body.path("skipped").asLong()
                    + " older than the retention skipped");
            return Cli.OK;
        }
        err.println("import-flows: the portal refused the file: " + refusal(response.statusCode(), body));
        if (body != null && body.path("problems").isArray()) {
            for (JsonNode p : body.path("problems")) {
                err.println(a.file() + ": " + p.asString());
            }
        }
        return Cli.INTERNAL_ERROR;
    }

    private static String refusal(int status, @Nullable JsonNode body) {
        String why = switch (status) {
            case 401 -> "the access token was not accepted (missing, expired or from another issuer)";
            case 403 -> "the token's user may not import flows (platform or security admins only)";
            case 404 -> "no flow import here: is --url the portal's address?";
            default -> "";
        };
        String detail = body == null ? "" : body.path("detail").asString("");
        String text = status + (why.isEmpty() ? "" : " " + why);
        return detail.isEmpty() ? text : text + ": " + detail;
    }

    private static @Nullable JsonNode json(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
