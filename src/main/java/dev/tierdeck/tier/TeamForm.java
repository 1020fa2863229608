package dev.tierdeck.tier;

import dev.tierdeck.tenancy.Team;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The team form as the browser posts it: lists are one text each, one entry per line (commas work too).
 * {@code preview} is set by the "show matching namespaces" button, which re-renders the form without saving.
 */
record TeamForm(
        @Nullable String name,
        @Nullable String description,
        @Nullable String groups,
        @Nullable String namespacePatterns,
        @Nullable String approverGroups,
        @Nullable String comment,
        @Nullable String preview) {

    static TeamForm of(Team team) {
        return new TeamForm(
                team.name(),
                team.description(),
                String.join("\n", team.groups()),
                String.join("\n", team.namespacePatterns()),
                String.join("\n", team.approverGroups()),
                null,
                null);
    }

    static TeamForm empty() {
        return new TeamForm("", "", "", "", "", null, null);
    }

    Team toTeam(String teamName) {
        return new Team(
                teamName,
                description == null ? "" : description.trim(),
                split(groups),
                split(namespacePatterns),
                split(approverGroups));
    }

    boolean previewOnly() {
        return preview != null;
    }

    String nameText() {
        return name == null ? "" : name.trim();
    }

    /** Splits at line breaks and commas, dropping empty entries (an empty line is no entry). */
    static List<String> split(@Nullable String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("[,\\r\\n]+"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
