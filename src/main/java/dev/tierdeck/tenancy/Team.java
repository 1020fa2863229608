package dev.tierdeck.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A team: the people in its member groups own the namespaces its patterns match.
 *
 * @param name lower-case letters, digits and '-' (a DNS label), unique
 * @param description what the team does, possibly empty
 * @param groups groups of the groups claim whose members belong to the team (usually {@code team-<name>}); never
 *     empty once stored
 * @param namespacePatterns exact namespace names or globs where {@code *} stands for any run of characters
 * @param approverGroups groups whose members approve the guardrail-flagged changes in the team's namespaces
 */
public record Team(
        String name,
        String description,
        List<String> groups,
        List<String> namespacePatterns,
        List<String> approverGroups) {

    public Team {
        groups = List.copyOf(groups);
        namespacePatterns = List.copyOf(namespacePatterns);
        approverGroups = List.copyOf(approverGroups);
    }

    /** Whether one of the team's patterns matches {@code namespace}. */
    public boolean owns(String namespace) {
        return namespacePatterns.stream().anyMatch(p -> NamespacePattern.matches(p, namespace));
    }

    /**
     * The namespaces the team owns among {@code clusterNamespaces}, plus its exact names even when the cluster has
     * no such namespace yet (a team may be set up before its namespace is created); sorted.
     */
    public SortedSet<String> namespacesAmong(Collection<String> clusterNamespaces) {
        SortedSet<String> out = new TreeSet<>();
        for (String pattern : namespacePatterns) {
            if (NamespacePattern.isGlob(pattern)) {
                clusterNamespaces.stream()
                        .filter(ns -> NamespacePattern.matches(pattern, ns))
                        .forEach(out::add);
            } else {
                out.add(pattern);
            }
        }
        return out;
    }

    /** Whether {@code userGroups} holds one of the team's member groups. */
    public boolean hasMemberAmong(Collection<String> userGroups) {
        return groups.stream().anyMatch(userGroups::contains);
    }

    /** Whether {@code userGroups} holds one of the team's approver groups. */
    public boolean hasApproverAmong(Collection<String> userGroups) {
        return approverGroups.stream().anyMatch(userGroups::contains);
    }
}
