package dev.tierdeck.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value...} options: each option collects the arguments that follow it up to the next option. */
final class Options {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Options() {}

    static Options parse(String command, String[] args, Set<String> allowed) throws BadInputException {
        Options o = new Options();
        String current = null;
        for (String a : args) {
            if (a.startsWith("--")) {
                if (!allowed.contains(a)) {
                    throw new BadInputException(command + ": unknown option " + a + "\n" + Cli.USAGE);
                }
                current = a;
                o.values.computeIfAbsent(a, k -> new ArrayList<>());
            } else if (current == null) {
                throw new BadInputException(command + ": unexpected argument '" + a + "'\n" + Cli.USAGE);
            } else {
                o.values.get(current).add(a);
            }
        }
        return o;
    }

    /** Whether the option was given (with or without values). */
    boolean has(String option) {
        return values.containsKey(option);
    }

    List<String> all(String option) {
        return values.getOrDefault(option, List.of());
    }

    String one(String command, String option) throws BadInputException {
        List<String> v = all(option);
        if (v.size() != 1) {
            throw new BadInputException(command + ": " + option + " needs exactly one file\n" + Cli.USAGE);
        }
        return v.get(0);
    }

    List<String> some(String command, String option) throws BadInputException {
        List<String> v = all(option);
        if (v.isEmpty()) {
            throw new BadInputException(command + ": " + option + " is required\n" + Cli.USAGE);
        }
        return v;
    }
}
