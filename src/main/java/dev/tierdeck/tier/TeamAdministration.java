package dev.tierdeck.tier;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.NamespaceAccess;
import dev.tierdeck.tenancy.NamespacePattern;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.TeamField;
import dev.tierdeck.tenancy.TeamRejectedException;
import dev.tierdeck.tenancy.Teams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Team administration for the console and the API: admins only, every change audited with the team before and after
 * in the transaction that makes it.
 */
@Component
class TeamAdministration {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Teams teams;
    private final AuditLog audit;
    private final Permissions permissions;

    TeamAdministration(Teams teams, AuditLog audit, Permissions permissions) {
        this.teams = teams;
        this.audit = audit;
        this.permissions = permissions;
    }

    List<Team> list(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return teams.all();
    }

    Team get(CurrentUser user, String name) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return teams.find(name).orElseThrow(() -> TeamNotFoundException.of(name));
    }

    @Transactional
    Team create(CurrentUser user, Team team, @Nullable String comment) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        checkComment(comment);
        Team created = teams.create(team, GuardrailStore.author(user));
        record(user, "team.created", team.name(), null, created, comment);
        return created;
    }

    @Transactional
    Team update(CurrentUser user, Team team, @Nullable String comment) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        checkComment(comment);
        Team before = teams.find(team.name()).orElseThrow(() -> TeamNotFoundException.of(team.name()));
        Team after = teams.update(team, GuardrailStore.author(user))
                .orElseThrow(() -> TeamNotFoundException.of(team.name()));
        record(user, "team.updated", team.name(), before, after, comment);
        return after;
    }

    @Transactional
    void delete(CurrentUser user, String name, @Nullable String comment) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        checkComment(comment);
        Team before = teams.find(name).orElseThrow(() -> TeamNotFoundException.of(name));
        teams.delete(name);
        record(user, "team.deleted", name, before, null, comment);
    }

    /** The comment goes into the audit trail: refused before anything is written, like the team's own fields. */
    private static void checkComment(@Nullable String comment) {
        String problem = GuardrailAdministration.commentProblem(comment);
        if (problem != null) {
            throw new TeamRejectedException(List.of(new TeamField("comment", problem)));
        }
    }

    /** The cluster's namespaces the patterns match now (for the live preview); admins only. */
    SortedSet<String> preview(CurrentUser user, List<String> patterns) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return teams.clusterNamespacesMatching(patterns);
    }

    /** Who reaches {@code namespace}; a text that cannot be a namespace name is a rejected {@code namespace} field. */
    NamespaceAccess access(CurrentUser user, String namespace) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        if (!NamespacePattern.isNamespaceName(namespace)) {
            throw new TeamRejectedException(List.of(new TeamField(
                    "namespace",
                    "'" + namespace + "' is not a namespace name: lower-case letters, digits and '-', at most 63"
                            + " characters, starting and ending with a letter or digit.")));
        }
        return teams.access(namespace);
    }

    private void record(
            CurrentUser user,
            String action,
            String name,
            @Nullable Team before,
            @Nullable Team after,
            @Nullable String comment) {
        audit.record(AuditEntry.builder(Actor.of(user), action)
                .target("Team", null, name)
                .reason(comment == null || comment.isBlank() ? null : comment.trim())
                .change(before == null ? null : yaml(before), after == null ? null : yaml(after))
                .correlationId(CorrelationId.current().orElse(null))
                .build());
    }

    static String yaml(Team team) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", team.name());
        doc.put("description", team.description());
        doc.put("groups", team.groups());
        doc.put("namespacePatterns", team.namespacePatterns());
        doc.put("approverGroups", team.approverGroups());
        return YAML.writeValueAsString(doc);
    }
}
