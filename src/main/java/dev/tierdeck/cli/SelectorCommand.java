package dev.tierdeck.cli;

import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selectors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tierdeck selector}: checks selectors against label sets (FORMAT.md §5).
 *
 * <ul>
 *   <li>{@code selector --cases FILE}: one JSON object per line, {@code {"selector":"...","labels":{...}}}; prints
 *       {@code {"match":true|false}} or {@code {"error":"...","position":N}} per line, in order. The whole file is
 *       checked before anything is printed, so a malformed line leaves no partial output.
 *   <li>{@code selector "EXPR" [--labels k=v,k2=v2]}: one check; exit 0 with the match result, or 2 when the
 *       selector does not parse.
 * </ul>
 */
final class SelectorCommand {

    /** Only {@code --cases} reads JSON: a single selector starts without loading the JSON library. */
    private static final class Mapper {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }

    private static final String USAGE =
            "usage: tierdeck selector --cases CASES.jsonl | tierdeck selector \"EXPR\" [--labels k=v,k2=v2]";

    private SelectorCommand() {}

    /** One line of a cases file, already checked. */
    private record Case(String selector, Labels labels) {}

    /** Bad input: the message is printed and the exit status is 2. */
    private static final class BadInput extends Exception {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(args, out, err);
        } catch (BadInput e) {
            err.println("tierdeck: selector: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err) throws BadInput {
        String cases = null;
        String labels = null;
        String expression = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--cases") || arg.equals("--labels")) {
                if (i + 1 >= args.length) {
                    throw new BadInput(arg + " needs a value\n" + USAGE);
                }
                String value = args[++i];
                if (arg.equals("--cases")) {
                    cases = value;
                } else {
                    labels = value;
                }
            } else if (arg.startsWith("--cases=")) {
                cases = arg.substring("--cases=".length());
            } else if (arg.startsWith("--labels=")) {
                labels = arg.substring("--labels=".length());
            } else if (arg.startsWith("--")) {
                throw new BadInput("unknown option " + arg + "\n" + USAGE);
            } else if (expression == null) {
                expression = arg;
            } else {
                throw new BadInput("more than one selector given (quote the expression)\n" + USAGE);
            }
        }
        if (cases != null) {
            if (expression != null || labels != null) {
                throw new BadInput("--cases cannot be combined with a selector or --labels\n" + USAGE);
            }
            return runCases(Path.of(cases), out, err);
        }
        if (expression == null) {
            throw new BadInput("give --cases FILE or a selector\n" + USAGE);
        }
        return runOne(expression, parseLabels(labels == null ? "" : labels), out, err);
    }

    private static int runOne(String expression, Labels labels, PrintStream out, PrintStream err) {
        ParseResult result = Selectors.parse(expression);
        out.println(toJson(result, labels));
        if (result instanceof ParseResult.Error error) {
            err.println("tierdeck: selector: " + error.message() + " (at position " + error.position() + ")");
            if (expression.indexOf('\n') < 0 && expression.indexOf('\r') < 0) {
                err.println("  " + expression);
                err.println("  " + " ".repeat(error.position()) + "^");
            }
            return Cli.BAD_INPUT;
        }
        return Cli.OK;
    }

    private static int runCases(Path file, PrintStream out, PrintStream err) throws BadInput {
        List<String> warnings = new ArrayList<>();
        List<Case> cases = readCases(file, warnings);
        warnings.forEach(warning -> err.println("tierdeck: selector: warning: " + warning));
        StringBuilder output = new StringBuilder();
        for (Case c : cases) {
            output.append(toJson(Selectors.parse(c.selector()), c.labels())).append('\n');
        }
        out.print(output);
        return Cli.OK;
    }

    private static String toJson(ParseResult result, Labels labels) {
        StringBuilder line = new StringBuilder();
        switch (result) {
            case ParseResult.Ok ok ->
                line.append("{\"match\":").append(ok.selector().matches(labels));
            case ParseResult.Error error -> {
                line.append("{\"error\":");
                Json.string(line, error.message());
                line.append(",\"position\":").append(error.position());
            }
        }
        return line.append('}').toString();
    }

    private static List<Case> readCases(Path file, List<String> warnings) throws BadInput {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new BadInput(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot read: " + e.getMessage());
        }
        List<Case> cases = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                cases.add(readCase(line, file + ":" + (i + 1), warnings));
            }
        }
        return cases;
    }

    private static Case readCase(String line, String where, List<String> warnings) throws BadInput {
        JsonNode node;
        try {
            node = Mapper.JSON.readTree(line);
        } catch (JacksonException e) {
            throw new BadInput(where + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadInput(where + ": expected a JSON object {\"selector\":\"...\",\"labels\":{...}}");
        }
        JsonNode selector = node.get("selector");
        if (selector == null) {
            throw new BadInput(where + ": missing field \"selector\"");
        }
        if (!selector.isString()) {
            throw new BadInput(where + ": field \"selector\" must be a string, not " + typeOf(selector));
        }
        for (String name : node.propertyNames()) {
            if (!name.equals("selector") && !name.equals("labels")) {
                warnings.add(where + ": ignoring unknown field \"" + name + "\"");
            }
        }
        JsonNode labels = node.get("labels");
        if (labels == null) {
            return new Case(selector.stringValue(), Labels.EMPTY);
        }
        if (!labels.isObject()) {
            throw new BadInput(where + ": field \"labels\" must be an object of strings, not " + typeOf(labels));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> label : labels.properties()) {
            if (!label.getValue().isString()) {
                throw new BadInput(where + ": field \"labels." + label.getKey() + "\" must be a string, not "
                        + typeOf(label.getValue()));
            }
            map.put(label.getKey(), label.getValue().stringValue());
        }
        return new Case(selector.stringValue(), Labels.of(map));
    }

    private static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case STRING, BINARY -> "a string";
        };
    }

    /** {@code k=v,k2=v2}; an empty value is allowed ({@code k=}), an empty argument means no labels. */
    static Labels parseLabels(String text) throws BadInput {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return Labels.EMPTY;
        }
        for (String item : text.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new BadInput("--labels: expected key=value but found '" + item + "' (in '" + text + "')");
            }
            String key = item.substring(0, eq);
            if (labels.put(key, item.substring(eq + 1)) != null) {
                throw new BadInput("--labels: label '" + key + "' is given twice");
            }
        }
        return Labels.of(labels);
    }
}
