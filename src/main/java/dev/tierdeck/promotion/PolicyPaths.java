package dev.tierdeck.promotion;

import dev.tierdeck.policy.PolicyRef;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

/** Where a policy's screens live: {@code /namespaces/{namespace}/policies/{name}} or {@code /global-policies/{name}}. */
record PolicyPaths(String base) {

    /**
     * The names are percent-encoded: a name taken from the URL may hold anything, and a redirect to it must neither
     * read {@code {x}} as a template variable nor send raw UTF-8 in a {@code Location} header.
     */
    static PolicyPaths of(PolicyRef ref) {
        return new PolicyPaths(
                ref.isGlobal()
                        ? "/global-policies/" + segment(ref.name())
                        : namespace(ref.namespace()) + "/policies/" + segment(ref.name()));
    }

    /** The namespace page. */
    static String namespace(@Nullable String namespace) {
        return "/namespaces/" + segment(String.valueOf(namespace));
    }

    private static String segment(String text) {
        return UriUtils.encodePathSegment(text, StandardCharsets.UTF_8);
    }

    static PolicyRef ref(@Nullable String namespace, String name) {
        return namespace == null ? PolicyRef.global(name) : PolicyRef.namespaced(namespace, name);
    }

    public String edit() {
        return base + "/edit";
    }

    public String preview() {
        return base + "/preview";
    }

    public String stage() {
        return base + "/stage";
    }

    public String promote() {
        return base + "/promote";
    }

    public String delete() {
        return base + "/delete";
    }

    public String rollback() {
        return base + "/rollback";
    }

    public String diff() {
        return base + "/versions/diff";
    }
}
