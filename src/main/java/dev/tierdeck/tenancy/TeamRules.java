package dev.tierdeck.tenancy;

import dev.tierdeck.engine.text.TextInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a team before it is stored; every problem names its field (and the entry, for lists). */
final class TeamRules {

    /** Team names follow the same rule as namespace names, so {@code team-<name>} is a usable group name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** A group as identity providers send it: anything without spaces or commas (commas separate the form's list). */
    private static final Pattern GROUP = Pattern.compile("[^\\s,]{1,200}");

    static final int MAX_ENTRIES = 50;
    static final int MAX_DESCRIPTION = 2000;

    private TeamRules() {}

    static List<TeamField> problems(Team team) {
        List<TeamField> out = new ArrayList<>();
        String name = team.name();
        if (name.isEmpty()) {
            out.add(new TeamField("name", "Enter a name."));
        } else if (name.length() > 63) {
            out.add(new TeamField("name", "A team name has at most 63 characters."));
        } else if (!NAME.matcher(name).matches()) {
            out.add(new TeamField(
                    "name", "Use lower-case letters, digits and '-', starting and ending with a letter or digit."));
        }
        String description = TextInput.problem(team.description(), TextInput.Kind.TEXT, MAX_DESCRIPTION);
        if (description != null) {
            out.add(new TeamField("description", "The description " + description + "."));
        }
        if (team.groups().isEmpty()) {
            out.add(new TeamField(
                    "groups",
                    "A team needs at least one group: its members belong to the team (usually team-"
                            + (NAME.matcher(name).matches() ? name : "<name>") + ")."));
        }
        groups("groups", team.groups(), out);
        groups("approverGroups", team.approverGroups(), out);
        List<String> patterns = team.namespacePatterns();
        if (patterns.size() > MAX_ENTRIES) {
            out.add(new TeamField("namespacePatterns", "At most " + MAX_ENTRIES + " patterns."));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String problem = NamespacePattern.problem(pattern);
            if (problem != null) {
                out.add(new TeamField("namespacePatterns[" + i + "]", problem));
            } else if (!seen.add(pattern)) {
                out.add(new TeamField("namespacePatterns[" + i + "]", "'" + pattern + "' is listed twice."));
            }
        }
        return out;
    }

    private static void groups(String field, List<String> groups, List<TeamField> out) {
        if (groups.size() > MAX_ENTRIES) {
            out.add(new TeamField(field, "At most " + MAX_ENTRIES + " groups."));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i);
            if (group.isBlank()) {
                out.add(new TeamField(field + "[" + i + "]", "Empty group name: enter a group or remove the entry."));
            } else if (TextInput.problem(group, TextInput.Kind.LINE, 200) != null) {
                out.add(new TeamField(
                        field + "[" + i + "]",
                        "The group name " + TextInput.problem(group, TextInput.Kind.LINE, 200) + "."));
            } else if (!GROUP.matcher(group).matches()) {
                out.add(new TeamField(
                        field + "[" + i + "]",
                        "'" + group + "' is not a group name: at most 200 characters, no spaces or commas."));
            } else if (!seen.add(group)) {
                out.add(new TeamField(field + "[" + i + "]", "'" + group + "' is listed twice."));
            }
        }
    }
}
