package dev.tierdeck.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The teams as stored in PostgreSQL, read afresh on every call. The writing methods validate first and throw
 * {@link TeamRejectedException} naming every bad field, with nothing written; they join the caller's transaction,
 * so a caller can record an audit entry in the same one. Role checks are the caller's job.
 */
public interface Teams {

    /** Every team, by name. */
    List<Team> all();

    Optional<Team> find(String name);

    /** Stores a new team; a taken name is a rejected {@code name} field. */
    Team create(Team team, String by);

    /** Replaces the team of the same name; empty when there is none. */
    Optional<Team> update(Team team, String by);

    /** Removes the team; whether there was one. */
    boolean delete(String name);

    /** The member group a team gets when none is given: {@code team-<name>} (prefix {@code tierdeck.tenancy.team-group-prefix}). */
    String defaultGroup(String teamName);

    /** The problems of {@code team} (format only: no uniqueness check), empty when it is fine. */
    List<TeamField> problems(Team team);

    /** The cluster's namespaces that {@code patterns} match right now (valid patterns only), sorted. */
    SortedSet<String> clusterNamespacesMatching(Collection<String> patterns);

    /** The teams owning {@code namespace}, by name. */
    List<Team> owning(String namespace);

    /** Who reaches {@code namespace}: its teams, their groups, its approvers and the roles that reach everything. */
    NamespaceAccess access(String namespace);
}
