package dev.tierdeck.cli;

import dev.tierdeck.engine.eval.VerdictJson;
import org.jspecify.annotations.Nullable;

/** JSON strings for the command outputs; verdicts themselves are written by {@link VerdictJson}. */
final class Json {

    private Json() {}

    static void string(StringBuilder s, @Nullable String v) {
        VerdictJson.string(s, v);
    }
}
