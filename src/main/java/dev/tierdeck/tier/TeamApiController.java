package dev.tierdeck.tier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.NamespaceAccess;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.Teams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Teams and who reaches a namespace, for automation, under the console's rules: platform and security admins only. */
@RestController
@Tag(name = "Teams")
@ApiResponse(responseCode = "403", description = "Not a platform or security admin")
class TeamApiController {

    private final TeamAdministration teams;
    private final Teams directory;

    TeamApiController(TeamAdministration teams, Teams directory) {
        this.teams = teams;
        this.directory = directory;
    }

    @GetMapping("/api/v1/teams")
    @Operation(summary = "Every team, by name")
    List<TeamResponse> list(CurrentUser user) {
        return teams.list(user).stream().map(this::response).toList();
    }

    @GetMapping("/api/v1/teams/{name}")
    @Operation(summary = "One team, with the cluster namespaces its patterns match now")
    @ApiResponse(responseCode = "404", description = "No such team")
    TeamResponse get(CurrentUser user, @PathVariable String name) {
        return response(teams.get(user, name));
    }

    @PostMapping("/api/v1/teams")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a team",
            description = "Members of 'groups' (default team-<name>) work in the namespaces 'namespacePatterns' match:"
                    + " exact names or globs with '*', such as payments-*. Takes effect on the next request.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "422", description = "Invalid fields or a taken name, each named in 'fields'")
    TeamResponse create(CurrentUser user, @RequestBody TeamRequest request) {
        String name = request.name() == null ? "" : request.name().trim();
        Team team =
                request.toTeam(name, new Team(name, "", List.of(directory.defaultGroup(name)), List.of(), List.of()));
        return response(teams.create(user, team, request.comment()));
    }

    @PutMapping("/api/v1/teams/{name}")
    @Operation(summary = "Change a team", description = "Fields left out keep their value; a team cannot be renamed.")
    @ApiResponse(responseCode = "404", description = "No such team")
    @ApiResponse(responseCode = "422", description = "Invalid fields, each named in 'fields'")
    TeamResponse update(CurrentUser user, @PathVariable String name, @RequestBody TeamRequest request) {
        Team current = teams.get(user, name);
        return response(teams.update(user, request.toTeam(name, current), request.comment()));
    }

    @DeleteMapping("/api/v1/teams/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a team", description = "Its members lose its namespaces on their next request.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such team")
    void delete(
            CurrentUser user,
            @PathVariable String name,
            @Parameter(description = "Why the team goes, for the audit trail") @RequestParam(required = false) @Nullable
                    String comment) {
        teams.delete(user, name, comment);
    }

    @GetMapping("/api/v1/access/{namespace}")
    @Operation(
            summary = "Who reaches a namespace",
            description = "The teams whose patterns match it, their member and approver groups, and the roles that"
                    + " reach every namespace.")
    @ApiResponse(responseCode = "422", description = "Not a namespace name")
    NamespaceAccess access(CurrentUser user, @PathVariable String namespace) {
        return teams.access(user, namespace);
    }

    private TeamResponse response(Team team) {
        return new TeamResponse(
                team.name(),
                team.description(),
                team.groups(),
                team.namespacePatterns(),
                team.approverGroups(),
                List.copyOf(directory.clusterNamespacesMatching(team.namespacePatterns())));
    }

    /**
     * @param matchingNamespaces the cluster's namespaces the patterns match right now
     */
    @Schema(name = "Team")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TeamResponse(
            String name,
            String description,
            List<String> groups,
            List<String> namespacePatterns,
            List<String> approverGroups,
            List<String> matchingNamespaces) {}

    @Schema(name = "TeamRequest")
    record TeamRequest(
            @Schema(description = "Lower-case letters, digits and '-'; ignored on PUT") @Nullable
            String name,

            @Nullable String description,

            @Schema(description = "Member groups; default team-<name> on creation") @Nullable
            List<String> groups,

            @Schema(description = "Exact namespace names or globs with '*'", example = "[\"payments-*\"]") @Nullable
            List<String> namespacePatterns,

            @Nullable List<String> approverGroups,

            @Schema(description = "Why, for the audit trail") @Nullable
            String comment) {

        /** The request over {@code base}: what it leaves out stays as in {@code base}. */
        Team toTeam(String name, Team base) {
            return new Team(
                    name,
                    description != null ? description.trim() : base.description(),
                    groups != null ? trimmed(groups) : base.groups(),
                    namespacePatterns != null ? trimmed(namespacePatterns) : base.namespacePatterns(),
                    approverGroups != null ? trimmed(approverGroups) : base.approverGroups());
        }

        private static List<String> trimmed(List<String> values) {
            // null entries become empty ones, which validation names by index
            return values.stream().map(v -> v == null ? "" : v.trim()).toList();
        }
    }
}
