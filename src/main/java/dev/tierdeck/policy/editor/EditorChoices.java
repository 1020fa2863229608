package dev.tierdeck.policy.editor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixed choices of the editor's selects, with the words shown for them. */
public final class EditorChoices {

    static final EditorChoices INSTANCE = new EditorChoices();

    private EditorChoices() {}

    public List<String> actions() {
        return RuleForm.ACTIONS;
    }

    public Map<String, String> protocols() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("", "Any protocol");
        RuleForm.PROTOCOLS.stream().filter(p -> !p.isEmpty()).forEach(p -> m.put(p, p));
        return m;
    }

    public List<String> operators() {
        return SelectorForm.OPERATORS;
    }

    public Map<String, String> types() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("", "As Calico defaults them (from the rules)");
        m.put("Ingress", "Ingress only");
        m.put("Egress", "Egress only");
        m.put("Ingress,Egress", "Ingress and egress");
        return m;
    }

    /** Peer kinds, worded for the side they describe. */
    public Map<String, String> peers(boolean ingress, boolean global) {
        String from = ingress ? "From" : "To";
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PeerForm.ANY, ingress ? "Anywhere" : "Anywhere");
        m.put(PeerForm.PODS, from + (global ? " pods with labels" : " pods in this namespace"));
        m.put(PeerForm.NAMESPACE_PODS, from + " pods in other namespaces");
        m.put(PeerForm.NAMESPACES, from + " whole namespaces");
        m.put(PeerForm.SERVICE_ACCOUNTS, from + " service accounts");
        m.put(PeerForm.NETWORK_SETS, from + " global network sets");
        m.put(PeerForm.CIDRS, from + " IP ranges (CIDRs)");
        return m;
    }
}
