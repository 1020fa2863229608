package dev.tierdeck.tenancy;

import java.util.List;
import java.util.SortedSet;

/**
 * Who reaches one namespace.
 *
 * @param inCluster whether the cluster has the namespace right now
 * @param teams the teams whose patterns match it, by name, each with its member and approver groups
 * @param memberGroups the groups whose members may work in it (union of the owning teams' groups)
 * @param approverGroups the groups whose members approve guardrail-flagged changes in it
 * @param everyNamespaceRoles the portal roles that reach every namespace, whatever the teams say (for reading and
 *     writing, still subject to tier governance, and for approving)
 */
public record NamespaceAccess(
        String namespace,
        boolean inCluster,
        List<Team> teams,
        SortedSet<String> memberGroups,
        SortedSet<String> approverGroups,
        List<String> everyNamespaceRoles) {}
