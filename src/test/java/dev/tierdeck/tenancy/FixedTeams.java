package dev.tierdeck.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Teams that never change, for unit tests of code that only reads them (the impact preview's explanations); the
 * stored teams and their rules are tested against PostgreSQL in {@link DatabaseTenancyTest}.
 */
public record FixedTeams(List<Team> teams) implements Teams {

    /** The permission model over these teams and {@code tiers}. */
    public static Permissions permissions(List<Team> teams, TierFacts tiers) {
        return new Permissions(new FixedTeams(teams), new org.springframework.beans.factory.ObjectProvider<>() {
            @Override
            public TierFacts getObject() {
                return tiers;
            }

            @Override
            public TierFacts getIfAvailable() {
                return tiers;
            }
        });
    }

    @Override
    public List<Team> all() {
        return teams;
    }

    @Override
    public Optional<Team> find(String name) {
        return teams.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public Team create(Team team, String by) {
        throw new UnsupportedOperationException("fixed teams");
    }

    @Override
    public Optional<Team> update(Team team, String by) {
        throw new UnsupportedOperationException("fixed teams");
    }

    @Override
    public boolean delete(String name) {
        throw new UnsupportedOperationException("fixed teams");
    }

    @Override
    public String defaultGroup(String teamName) {
        return "team-" + teamName;
    }

    @Override
    public List<TeamField> problems(Team team) {
        return TeamRules.problems(team);
    }

    @Override
    public SortedSet<String> clusterNamespacesMatching(Collection<String> patterns) {
        return new TreeSet<>();
    }

    @Override
    public List<Team> owning(String namespace) {
        return teams.stream().filter(t -> t.owns(namespace)).toList();
    }

    @Override
    public NamespaceAccess access(String namespace) {
        throw new UnsupportedOperationException("fixed teams");
    }
}
