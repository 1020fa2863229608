package dev.tierdeck.engine.manifest;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * YAML (and JSON) text read into plain maps, lists and scalars, the one way every manifest is read: from the API, the
 * editor, the command line. Refused with a message naming the line: anchors and aliases (the YAML reader would
 * silently read an alias as the anchor's name, and nothing Calico or kubectl writes uses them), duplicate keys,
 * nesting deeper than {@value #MAX_DEPTH} levels and binary values. Nothing here throws on bad input.
 */
public final class YamlText {

    /** Far deeper than any manifest (a Calico policy nests about eight levels). */
    public static final int MAX_DEPTH = 64;

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private YamlText() {}

    /**
     * What was read: the documents (null for an empty one), where each field of the first document starts, and the
     * problem that stopped reading, if any (the documents before it are kept).
     *
     * @param lines field paths of the first document ({@code spec.ingress[1].source}) to their line
     */
    public record Read(
            List<@Nullable Object> documents,
            Map<String, Integer> lines,
            @Nullable Problem problem) {

        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Why the text could not be read.
     *
     * @param line 1-based, 0 when unknown
     * @param column 1-based, 0 when unknown
     */
    public record Problem(String message, int line, int column) {

        /** " at line 3, column 5", or empty when the position is unknown. */
        public String where() {
            return line < 1 ? "" : " at line " + line + ", column " + column;
        }
    }

    public static Read read(String text) {
        return read(text, false);
    }

    /**
     * Reads like {@link #read(String)}, but gives every plain scalar a YAML reader would take for a number as its
     * text ({@code 2}, {@code 1e3}, {@code .inf}), for repairing text written by a writer that left such strings
     * unquoted.
     */
    public static Read readNumbersAsText(String text) {
        return read(text, true);
    }

    private static Read read(String text, boolean numbersAsText) {
        Builder builder = new Builder(numbersAsText);
        try (JsonParser parser = YAML.createParser(new WholeCodePoints(new StringReader(text)))) {
            builder.parser = (YAMLParser) parser;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                builder.documents.add(builder.value(token, "", 0));
                builder.first = false;
            }
        } catch (Refused e) {
            builder.problem = e.problem;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            builder.problem = new Problem(
                    oneLine(String.valueOf(e.getOriginalMessage())),
                    at == null ? 0 : Math.max(at.getLineNr(), 0),
                    at == null ? 0 : Math.max(at.getColumnNr(), 0));
        }
        return new Read(builder.documents, builder.lines, builder.problem);
    }

    /** The YAML reader's message without its own position lines ("in reader, line 4, column 1: ^"). */
    static String oneLine(String message) {
        return message.replaceAll("\\s*in reader, line \\d+, column \\d+:\\s*\\^?", "")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static final class Builder {
        final List<@Nullable Object> documents = new ArrayList<>();
        final Map<String, Integer> lines = new HashMap<>();

        @Nullable
        Problem problem;

        @SuppressWarnings("NullAway.Init")
        YAMLParser parser;

        boolean first = true;
        final boolean numbersAsText;

        Builder(boolean numbersAsText) {
            this.numbersAsText = numbersAsText;
        }

        @Nullable
        Object value(JsonToken token, String path, int depth) {
            checkNoAnchorOrAlias();
            return switch (token) {
                case START_OBJECT -> object(path, depth + 1);
                case START_ARRAY -> array(path, depth + 1);
                case VALUE_STRING -> parser.getString();
                case VALUE_NUMBER_INT -> numbersAsText ? parser.getString() : parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> numbersAsText ? parser.getString() : parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw refused("a value of this kind (" + token + ") is not accepted");
            };
        }

        private Map<String, @Nullable Object> object(String path, int depth) {
            checkDepth(depth);
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
                String key = parser.currentName();
                String field = path.isEmpty() ? key : path + "." + key;
                if (map.containsKey(key)) {
                    throw refused("the key '" + key + "' appears twice" + (path.isEmpty() ? "" : " in " + path));
                }
                remember(field);
                map.put(key, value(parser.nextToken(), field, depth));
            }
            return map;
        }

        private List<@Nullable Object> array(String path, int depth) {
            checkDepth(depth);
            List<@Nullable Object> list = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                String element = path + "[" + list.size() + "]";
                remember(element);
                list.add(value(token, element, depth));
            }
            return list;
        }

        private void remember(String path) {
            if (first) {
                lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
            }
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw refused("the document nests deeper than " + MAX_DEPTH + " levels");
            }
        }

        private void checkNoAnchorOrAlias() {
            if (parser.isCurrentAlias()) {
                throw refused("YAML aliases (*" + parser.getString() + ") are not accepted; write the value out");
            }
            if (parser.getObjectId() instanceof String anchor) {
                throw refused("YAML anchors (&" + anchor + ") are not accepted; write the value out");
            }
        }

        private Refused refused(String message) {
            TokenStreamLocation at = parser.currentTokenLocation();
            return new Refused(new Problem(message, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0)));
        }
    }

    private static final class Refused extends RuntimeException {
        final Problem problem;

        Refused(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /**
     * Hands the YAML reader whole code points only: never a chunk that ends with the first half of a surrogate pair.
     * The reader's own completion of such a chunk reads past its buffer (an emoji at the 1,024th character made it
     * throw an {@link IndexOutOfBoundsException}).
     */
    static final class WholeCodePoints extends Reader {

        private final Reader in;
        private int held = -1;

        WholeCodePoints(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n = 0;
            if (held >= 0) {
                buffer[offset] = (char) held;
                held = -1;
                n = 1;
            }
            if (n < length) {
                int read = in.read(buffer, offset + n, length - n);
                if (read < 0) {
                    return n == 0 ? -1 : n;
                }
                n += read;
            }
            if (n > 1 && Character.isHighSurrogate(buffer[offset + n - 1])) {
                held = buffer[offset + n - 1];
                n--;
            } else if (n == 1 && Character.isHighSurrogate(buffer[offset])) {
                int low = in.read();
                if (low >= 0 && length > 1) {
                    buffer[offset + 1] = (char) low;
                    return 2;
                }
                if (low >= 0) {
                    held = low;
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
