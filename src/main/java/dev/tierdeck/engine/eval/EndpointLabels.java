package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.selector.Labels;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The labels a selector sees on a workload endpoint or network set (calico-semantics §2.5), served without
 * building a map: Calico's own labels ({@code projectcalico.org/namespace}, {@code orchestrator},
 * {@code serviceaccount}) first, then the object's labels, then labels inherited from the namespace profile
 * ({@code pcns.*}) and the service-account profile ({@code pcsa.*}); own labels win over inherited ones.
 */
final class EndpointLabels implements Labels {

    static final String NAMESPACE = "projectcalico.org/namespace";
    static final String ORCHESTRATOR = "projectcalico.org/orchestrator";
    static final String SERVICE_ACCOUNT = "projectcalico.org/serviceaccount";
    static final String NAME = "projectcalico.org/name";
    static final String PCNS = "pcns.";
    static final String PCSA = "pcsa.";

    private final Map<String, String> own;
    private final @Nullable String namespace;
    private final Map<String, String> namespaceLabels;
    private final boolean pod;
    private final @Nullable String serviceAccount;
    private final Map<String, String> serviceAccountLabels;

    EndpointLabels(
            Map<String, String> own,
            @Nullable String namespace,
            Map<String, String> namespaceLabels,
            boolean pod,
            @Nullable String serviceAccount,
            Map<String, String> serviceAccountLabels) {
        this.own = own;
        this.namespace = namespace;
        this.namespaceLabels = namespaceLabels;
        this.pod = pod;
        this.serviceAccount = serviceAccount;
        this.serviceAccountLabels = serviceAccountLabels;
    }

    @Override
    public @Nullable String get(String key) {
        switch (key) {
            case NAMESPACE:
                return namespace;
            case ORCHESTRATOR:
                return pod ? "k8s" : own.get(key);
            case SERVICE_ACCOUNT:
                return pod ? serviceAccount : own.get(key);
            default:
                break;
        }
        String v = own.get(key);
        if (v != null || namespace == null) {
            return v;
        }
        if (key.startsWith(PCNS)) {
            String k = key.substring(PCNS.length());
            return k.equals(NAME) ? namespace : namespaceLabels.get(k);
        }
        if (pod && key.startsWith(PCSA)) {
            String k = key.substring(PCSA.length());
            return k.equals(NAME) ? serviceAccount : serviceAccountLabels.get(k);
        }
        return null;
    }

    /** Whether the object's own labels shadow an inherited namespace label. */
    boolean ownsNamespaceLabels() {
        return own.keySet().stream().anyMatch(k -> k.startsWith(PCNS));
    }

    /** A view of {@code labels} under a prefix: selectors written over namespace or SA labels (§2.4, §3.3). */
    static Labels prefixed(Labels labels, String prefix) {
        return key -> labels.get(prefix + key);
    }

    /** A namespace as {@code namespaceSelector} sees it: its labels plus {@code projectcalico.org/name}. */
    static Labels namespaceView(String name, Map<String, String> labels) {
        return key -> key.equals(NAME) ? name : labels.get(key);
    }
}
