package dev.tierdeck.tenancy;

import dev.tierdeck.identity.CurrentUser;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@link Tenancy} from the team table, read on every call (one query), so that a change an admin makes reaches every
 * user on their next request.
 */
@Component
@EnableConfigurationProperties(TenancyProperties.class)
class DatabaseTenancy implements Tenancy {

    private final TeamStore teams;

    DatabaseTenancy(TeamStore teams) {
        this.teams = teams;
    }

    /** The teams one of whose member groups the user has. */
    @Override
    public Set<String> teamsOf(CurrentUser user) {
        SortedSet<String> out = new TreeSet<>();
        for (Team team : teams.all()) {
            if (team.hasMemberAmong(user.groups())) {
                out.add(team.name());
            }
        }
        return out;
    }

    /** The exact names and the cluster's namespaces matching the globs of the user's teams. */
    @Override
    public Set<String> namespacesOf(CurrentUser user) {
        List<Team> mine = teams.all().stream()
                .filter(team -> team.hasMemberAmong(user.groups()))
                .toList();
        SortedSet<String> out = new TreeSet<>();
        if (mine.isEmpty()) {
            return out;
        }
        Set<String> cluster = teams.clusterNamespaces();
        for (Team team : mine) {
            out.addAll(team.namespacesAmong(cluster));
        }
        return out;
    }
}
