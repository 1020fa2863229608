package dev.tierdeck.cluster.demo;

import dev.tierdeck.cluster.ClusterKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A Kubernetes REST path taken apart: {@code /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>]?query}. */
record ApiPath(
        String group,
        String version,
        @Nullable String namespace,
        String plural,
        @Nullable String name,
        Map<String, String> query) {

    private static final Pattern RESOURCE = Pattern.compile(
            "^/(?:api|apis/(?<group>[^/]+))/(?<version>[^/]+)(?:/namespaces/(?<ns>[^/]+))?/(?<plural>[^/]+)(?:/(?<name>[^/]+))?$");

    static Optional<ApiPath> parse(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Matcher m = RESOURCE.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(key, value);
            }
        }
        String group = m.group("group") == null ? "" : m.group("group");
        return Optional.of(
                new ApiPath(group, m.group("version"), m.group("ns"), m.group("plural"), m.group("name"), query));
    }

    Optional<ClusterKind> kind() {
        return Arrays.stream(ClusterKind.values())
                .filter(k -> k.group().equals(group)
                        && k.version().equals(version)
                        && k.plural().equals(plural))
                .findFirst();
    }

    boolean dryRun() {
        return "All".equals(query.get("dryRun"));
    }

    boolean watch() {
        return "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
    }

    /** The path of the object itself (no query). */
    String objectPath(String objectName) {
        return (group.isEmpty() ? "/api/" : "/apis/" + group + "/") + version
                + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural + "/" + objectName;
    }

    /** This path with one query parameter removed. */
    String without(String parameter, String original) {
        int q = original.indexOf('?');
        if (q < 0) {
            return original;
        }
        String kept = Arrays.stream(original.substring(q + 1).split("&"))
                .filter(p -> !p.equals(parameter) && !p.startsWith(parameter + "="))
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
        return original.substring(0, q) + (kept.isEmpty() ? "" : "?" + kept);
    }
}
