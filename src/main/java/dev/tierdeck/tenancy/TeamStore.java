package dev.tierdeck.tenancy;

import dev.tierdeck.identity.Role;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link Teams} from table {@code team}. */
@Component
class TeamStore implements Teams {

    private final JdbcClient jdbc;
    private final ObjectProvider<ClusterNamespaces> cluster;
    private final TenancyProperties properties;

    TeamStore(JdbcClient jdbc, ObjectProvider<ClusterNamespaces> cluster, TenancyProperties properties) {
        this.jdbc = jdbc;
        this.cluster = cluster;
        this.properties = properties;
    }

    @Override
    public List<Team> all() {
        return jdbc.sql("select * from team order by name")
                .query(TeamStore::team)
                .list();
    }

    @Override
    public Optional<Team> find(String name) {
        return jdbc.sql("select * from team where name = :name")
                .param("name", name)
                .query(TeamStore::team)
                .optional();
    }

    @Override
    public Team create(Team team, String by) {
        reject(problems(team));
        boolean inserted = jdbc.sql("""
                        insert into team (name, description, member_groups, namespace_patterns, approver_groups,
                            updated_at, updated_by)
                        values (:name, :description, :groups, :patterns, :approvers, :at, :by)
                        on conflict (name) do nothing""").params(params(team, by)).update() > 0;
        if (!inserted) {
            reject(List.of(new TeamField("name", "A team named " + team.name() + " exists already.")));
        }
        return team;
    }

    @Override
    public Optional<Team> update(Team team, String by) {
        reject(problems(team));
        int rows = jdbc.sql("""
                        update team set description = :description, member_groups = :groups,
                            namespace_patterns = :patterns, approver_groups = :approvers, updated_at = :at,
                            updated_by = :by
                        where name = :name""").params(params(team, by)).update();
        return rows > 0 ? Optional.of(team) : Optional.empty();
    }

    @Override
    public boolean delete(String name) {
        return jdbc.sql("delete from team where name = :name")
                        .param("name", name)
                        .update()
                > 0;
    }

    @Override
    public String defaultGroup(String teamName) {
        return properties.teamGroupPrefix() + teamName;
    }

    @Override
    public List<TeamField> problems(Team team) {
        return TeamRules.problems(team);
    }

    @Override
    public SortedSet<String> clusterNamespacesMatching(Collection<String> patterns) {
        Set<String> names = clusterNamespaces();
        SortedSet<String> out = new TreeSet<>();
        for (String pattern : patterns) {
            if (NamespacePattern.problem(pattern) == null) {
                names.stream()
                        .filter(ns -> NamespacePattern.matches(pattern, ns))
                        .forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public List<Team> owning(String namespace) {
        return all().stream().filter(team -> team.owns(namespace)).toList();
    }

    @Override
    public NamespaceAccess access(String namespace) {
        List<Team> teams = owning(namespace);
        SortedSet<String> members = new TreeSet<>();
        SortedSet<String> approvers = new TreeSet<>();
        for (Team team : teams) {
            members.addAll(team.groups());
            approvers.addAll(team.approverGroups());
        }
        List<String> everywhere =
                Arrays.stream(Role.values()).filter(Role::isAdmin).map(Role::id).toList();
        return new NamespaceAccess(
                namespace, clusterNamespaces().contains(namespace), teams, members, approvers, everywhere);
    }

    Set<String> clusterNamespaces() {
        ClusterNamespaces namespaces = cluster.getIfAvailable();
        return namespaces == null ? Set.of() : namespaces.names();
    }

    /** Inserts {@code team} unless one of that name exists; for seeding, without validation messages. */
    boolean insertIfAbsent(Team team, String by) {
        return jdbc.sql("""
                        insert into team (name, description, member_groups, namespace_patterns, approver_groups,
                            updated_at, updated_by)
                        values (:name, :description, :groups, :patterns, :approvers, :at, :by)
                        on conflict (name) do nothing""").params(params(team, by)).update() > 0;
    }

    private static void reject(List<TeamField> problems) {
        if (!problems.isEmpty()) {
            throw new TeamRejectedException(problems);
        }
    }

    private static java.util.Map<String, Object> params(Team team, String by) {
        return java.util.Map.of(
                "name", team.name(),
                "description", team.description(),
                "groups", team.groups().toArray(String[]::new),
                "patterns", team.namespacePatterns().toArray(String[]::new),
                "approvers", team.approverGroups().toArray(String[]::new),
                "at", Timestamp.from(Instant.now()),
                "by", by);
    }

    private static Team team(ResultSet rs, int row) throws SQLException {
        return new Team(
                rs.getString("name"),
                rs.getString("description"),
                strings(rs.getArray("member_groups")),
                strings(rs.getArray("namespace_patterns")),
                strings(rs.getArray("approver_groups")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
