package dev.tierdeck.policy.editor;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The other end of a rule: the source of an ingress rule, the destination of an egress rule. {@link #getKind()} picks
 * which of the fields count; the others are kept while the page is open so that switching back loses nothing.
 */
public final class PeerForm {

    static final String ANY = "any";
    static final String PODS = "pods";
    static final String NAMESPACE_PODS = "namespacePods";
    static final String NAMESPACES = "namespaces";
    static final String SERVICE_ACCOUNTS = "serviceAccounts";
    static final String NETWORK_SETS = "networkSets";
    static final String CIDRS = "cidrs";
    static final List<String> KINDS =
            List.of(ANY, PODS, NAMESPACE_PODS, NAMESPACES, SERVICE_ACCOUNTS, NETWORK_SETS, CIDRS);

    static final String BY_NAMES = "names";
    static final String BY_LABELS = "labels";

    private String kind = ANY;
    private SelectorForm pods = new SelectorForm();
    private String namespacesBy = BY_NAMES;
    private String namespaceNames = "";
    private SelectorForm namespaceLabels = new SelectorForm();
    private String accountNames = "";
    private SelectorForm accountSelector = new SelectorForm();
    private SelectorForm networkSets = new SelectorForm();
    private String nets = "";
    private String notNets = "";

    public String getKind() {
        return kind;
    }

    public void setKind(@Nullable String kind) {
        this.kind = kind != null && KINDS.contains(kind) ? kind : ANY;
    }

    public SelectorForm getPods() {
        return pods;
    }

    public void setPods(SelectorForm pods) {
        this.pods = pods;
    }

    public String getNamespacesBy() {
        return namespacesBy;
    }

    public void setNamespacesBy(@Nullable String namespacesBy) {
        this.namespacesBy = BY_LABELS.equals(namespacesBy) ? BY_LABELS : BY_NAMES;
    }

    public String getNamespaceNames() {
        return namespaceNames;
    }

    public void setNamespaceNames(@Nullable String namespaceNames) {
        this.namespaceNames = namespaceNames == null ? "" : namespaceNames.strip();
    }

    public SelectorForm getNamespaceLabels() {
        return namespaceLabels;
    }

    public void setNamespaceLabels(SelectorForm namespaceLabels) {
        this.namespaceLabels = namespaceLabels;
    }

    public String getAccountNames() {
        return accountNames;
    }

    public void setAccountNames(@Nullable String accountNames) {
        this.accountNames = accountNames == null ? "" : accountNames.strip();
    }

    public SelectorForm getAccountSelector() {
        return accountSelector;
    }

    public void setAccountSelector(SelectorForm accountSelector) {
        this.accountSelector = accountSelector;
    }

    public SelectorForm getNetworkSets() {
        return networkSets;
    }

    public void setNetworkSets(SelectorForm networkSets) {
        this.networkSets = networkSets;
    }

    public String getNets() {
        return nets;
    }

    public void setNets(@Nullable String nets) {
        this.nets = nets == null ? "" : nets.strip();
    }

    public String getNotNets() {
        return notNets;
    }

    public void setNotNets(@Nullable String notNets) {
        this.notNets = notNets == null ? "" : notNets.strip();
    }

    /** The selector builders of this peer, by the name of their field (for adding and removing rows). */
    @Nullable
    SelectorForm selector(String field) {
        return switch (field) {
            case "pods" -> pods;
            case "namespaceLabels" -> namespaceLabels;
            case "accountSelector" -> accountSelector;
            case "networkSets" -> networkSets;
            default -> null;
        };
    }
}
