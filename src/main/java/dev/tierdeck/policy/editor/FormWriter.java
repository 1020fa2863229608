package dev.tierdeck.policy.editor;

import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the form into the manifest it stands for, in the shape {@code kubectl} reads. What the form alone can tell is
 * wrong (an order that is not a number, a selector row without a key) comes back as messages keyed by form field;
 * everything else is left to Calico's own validation when the manifest is decoded ({@link PolicyYaml#decode}), so the
 * form and the YAML editor give the same messages.
 */
final class FormWriter {

    /** The label Calico gives every namespace, holding its name (calico-semantics §2.5). */
    static final String NAMESPACE_NAME = "projectcalico.org/name";

    /**
     * The longest text any field of the form takes, as the API takes no string longer in a manifest (selectors have
     * the same bound, {@link Selectors#MAX_LENGTH}); longer input is refused at its field, never processed further.
     */
    static final int MAX_FIELD = Selectors.MAX_LENGTH;

    private final Map<String, String> errors = new LinkedHashMap<>();

    private FormWriter() {}

    /** The field's text, or empty with a message at the field when it is longer than {@link #MAX_FIELD}. */
    private String bounded(String key, String text) {
        if (text.length() <= MAX_FIELD) {
            return text;
        }
        errors.put(key, "This field is " + text.length() + " characters long; it takes at most " + MAX_FIELD + ".");
        return "";
    }

    /** The manifest and the form's own problems (field key → message). */
    record Written(Map<String, Object> manifest, Map<String, String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /** {@code team=payments, owner=alice}: the values are checked by Calico's validation when decoded. */
    private Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return labels;
        }
        for (String entry : text.split(",")) {
            String pair = entry.strip();
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                errors.put("labels", "Write each label as key=value, separated by commas; '" + pair + "' is not.");
                return Map.of();
            }
            labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return labels;
    }

    static Written write(PolicyForm form, PolicyKind kind, @Nullable String namespace) {
        FormWriter w = new FormWriter();
        Map<String, Object> manifest = w.manifest(form, kind, namespace);
        return new Written(manifest, Map.copyOf(w.errors));
    }

    private Map<String, Object> manifest(PolicyForm form, PolicyKind kind, @Nullable String namespace) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "projectcalico.org/v3");
        m.put("kind", kind.name());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", bounded("name", form.getName()));
        if (kind.namespaced() && namespace != null) {
            meta.put("namespace", namespace);
        }
        Map<String, String> labels = labels(bounded("labels", form.getLabels()));
        if (!labels.isEmpty()) {
            meta.put("labels", labels);
        }
        m.put("metadata", meta);
        Map<String, Object> spec = new LinkedHashMap<>();
        String tier = bounded("tier", form.getTier());
        if (!tier.isEmpty()) {
            spec.put("tier", tier);
        }
        if (!bounded("order", form.getOrder()).isEmpty()) {
            try {
                double order = Double.parseDouble(form.getOrder());
                if (!Double.isFinite(order)) {
                    throw new NumberFormatException();
                }
                spec.put("order", order == Math.rint(order) && Math.abs(order) < 1e15 ? (Object) (long) order : order);
            } catch (NumberFormatException e) {
                errors.put("order", "The order must be a number, e.g. 100 or 250.5, not '" + form.getOrder() + "'.");
            }
        }
        String selector = selector(form.getSelector(), "", "selector");
        if (selector != null && !selector.isEmpty()) {
            spec.put("selector", selector);
        }
        if (!kind.namespaced()) {
            String ns = selector(form.getNamespaceSelector(), null, "namespaceSelector");
            if (ns != null) {
                spec.put("namespaceSelector", ns);
            }
        }
        if (!form.getTypes().isEmpty()) {
            spec.put("types", List.of(form.getTypes().split(",")));
        }
        List<Object> ingress = rules(form.getIngress(), "ingress");
        List<Object> egress = rules(form.getEgress(), "egress");
        if (!ingress.isEmpty()) {
            spec.put("ingress", ingress);
        }
        if (!egress.isEmpty()) {
            spec.put("egress", egress);
        }
        m.put("spec", spec);
        return m;
    }

    private List<Object> rules(List<RuleForm> rules, String direction) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(rule(rules.get(i), direction + "[" + i + "]", direction.equals("ingress")));
        }
        return out;
    }

    private Map<String, Object> rule(RuleForm r, String key, boolean ingress) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.getAction());
        if (!r.getProtocol().isEmpty()) {
            m.put("protocol", r.getProtocol());
        }
        Map<String, Object> peer = peer(r.getPeer(), key + ".peer");
        List<Object> ports = ports(bounded(key + ".ports", r.getPorts()));
        // Ports always belong to the destination: the selected pods' ports for ingress, the peer's for egress.
        if (ingress) {
            if (!peer.isEmpty()) {
                m.put("source", peer);
            }
            if (!ports.isEmpty()) {
                m.put("destination", new LinkedHashMap<>(Map.of("ports", ports)));
            }
        } else {
            Map<String, Object> destination = new LinkedHashMap<>(peer);
            if (!ports.isEmpty()) {
                destination.put("ports", ports);
            }
            if (!destination.isEmpty()) {
                m.put("destination", destination);
            }
        }
        return m;
    }

    private Map<String, Object> peer(PeerForm p, String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (p.getKind()) {
            case PeerForm.PODS -> putSelector(m, "selector", selector(p.getPods(), "all()", key + ".pods"));
            case PeerForm.NAMESPACE_PODS -> {
                putSelector(m, "selector", selector(p.getPods(), null, key + ".pods"));
                putSelector(m, "namespaceSelector", namespaces(p, key));
            }
            case PeerForm.NAMESPACES -> putSelector(m, "namespaceSelector", namespaces(p, key));
            case PeerForm.SERVICE_ACCOUNTS -> {
                Map<String, Object> sa = new LinkedHashMap<>();
                List<String> names = words(bounded(key + ".accountNames", p.getAccountNames()));
                if (!names.isEmpty()) {
                    sa.put("names", names);
                }
                putSelector(sa, "selector", selector(p.getAccountSelector(), null, key + ".accountSelector"));
                m.put("serviceAccounts", sa);
            }
            case PeerForm.NETWORK_SETS -> {
                // global() as the whole namespaceSelector means non-namespaced endpoints: the global network sets
                // (calico-semantics §3.2, §3.4).
                putSelector(m, "selector", selector(p.getNetworkSets(), null, key + ".networkSets"));
                m.put("namespaceSelector", "global()");
            }
            case PeerForm.CIDRS -> {
                List<String> nets = words(bounded(key + ".nets", p.getNets()));
                List<String> notNets = words(bounded(key + ".notNets", p.getNotNets()));
                if (!nets.isEmpty()) {
                    m.put("nets", nets);
                }
                if (!notNets.isEmpty()) {
                    m.put("notNets", notNets);
                }
                if (nets.isEmpty() && notNets.isEmpty()) {
                    errors.put(key + ".nets", "Enter at least one CIDR, e.g. 10.0.0.0/8.");
                }
            }
            default -> {}
        }
        return m;
    }

    private @Nullable String namespaces(PeerForm p, String key) {
        if (PeerForm.BY_LABELS.equals(p.getNamespacesBy())) {
            return selector(p.getNamespaceLabels(), "all()", key + ".namespaceLabels");
        }
        List<String> names = words(bounded(key + ".namespaceNames", p.getNamespaceNames()));
        if (names.isEmpty()) {
            errors.put(key + ".namespaceNames", "Name at least one namespace, or choose namespaces by labels.");
            return null;
        }
        try {
            return namesSelector(names);
        } catch (IllegalArgumentException e) {
            errors.put(key + ".namespaceNames", e.getMessage());
            return null;
        }
    }

    /** Namespaces by name: Calico's {@code projectcalico.org/name} label, printed canonically. */
    static String namesSelector(List<String> names) {
        Selector s = names.size() == 1
                ? new Selector.Equals(NAMESPACE_NAME, names.getFirst())
                : new Selector.In(NAMESPACE_NAME, names);
        return s.toString();
    }

    private @Nullable String selector(SelectorForm s, @Nullable String emptyText, String key) {
        SelectorForm.Result r = s.toText(emptyText);
        if (r.error() != null) {
            errors.put(key, r.error());
        }
        return r.text();
    }

    private static void putSelector(Map<String, Object> m, String field, @Nullable String text) {
        if (text != null) {
            m.put(field, text);
        }
    }

    /** {@code 80, 443, 8000:8080, http}: single numbers as numbers (as Calico writes them), the rest as text. */
    static List<Object> ports(String text) {
        List<Object> out = new ArrayList<>();
        for (String p : words(text)) {
            out.add(p.matches("[0-9]{1,9}") ? (Object) Integer.parseInt(p) : p);
        }
        return out;
    }

    /** Comma- or space-separated entries, blanks dropped. */
    static List<String> words(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
    }
}
