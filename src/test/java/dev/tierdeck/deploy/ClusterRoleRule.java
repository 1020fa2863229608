package dev.tierdeck.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** One rule of a rendered ClusterRole, flattened into sets for easy comparison. */
record ClusterRoleRule(Set<String> apiGroups, Set<String> resources, Set<String> verbs, Set<String> resourceNames) {

    static final Set<String> READ = Set.of("get", "list", "watch");

    static List<ClusterRoleRule> of(JsonNode clusterRole) {
        return clusterRole
                .path("rules")
                .valueStream()
                .map(ClusterRoleRule::from)
                .toList();
    }

    private static ClusterRoleRule from(JsonNode rule) {
        return new ClusterRoleRule(
                strings(rule.path("apiGroups")),
                strings(rule.path("resources")),
                strings(rule.path("verbs")),
                strings(rule.path("resourceNames")));
    }

    private static Set<String> strings(JsonNode array) {
        var values = new LinkedHashSet<String>();
        array.valueStream().forEach(value -> values.add(value.asString()));
        return Set.copyOf(values);
    }

    boolean isReadOnly() {
        return READ.equals(verbs);
    }

    boolean grants(String apiGroup, String resource, String verb) {
        return apiGroups.contains(apiGroup) && resources.contains(resource) && verbs.contains(verb);
    }

    Set<String> everything() {
        var all = new LinkedHashSet<String>();
        all.addAll(apiGroups);
        all.addAll(resources);
        all.addAll(verbs);
        all.addAll(resourceNames);
        return all;
    }
}
