package dev.tierdeck.policy.editor;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The form editor's state for one Calico {@code NetworkPolicy} or {@code GlobalNetworkPolicy}: bound from every post
 * (so that adding a rule without JavaScript keeps what was typed) and mapped exactly to and from the engine model by
 * {@link FormReader} and {@link FormWriter}. The YAML beside the form travels in {@link #getYaml()}.
 */
public final class PolicyForm {

    static final String FORM = "form";
    static final String YAML = "yaml";
    /** The types choices: empty means omitted (Calico's defaulting, calico-semantics §1.7). */
    static final List<String> TYPES = List.of("", "Ingress", "Egress", "Ingress,Egress");

    private String name = "";
    private String tier = "";
    private String order = "";
    private String labels = "";
    private SelectorForm selector = new SelectorForm();
    private SelectorForm namespaceSelector = new SelectorForm();
    private String types = "";
    private List<RuleForm> ingress = new ArrayList<>();
    private List<RuleForm> egress = new ArrayList<>();
    private @Nullable Long revision;
    private String reason = "";
    private String yaml = "";
    private String mode = FORM;

    public String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name == null ? "" : name.strip();
    }

    /** The policy's own labels as {@code key=value} pairs separated by commas. */
    public String getLabels() {
        return labels;
    }

    public void setLabels(@Nullable String labels) {
        this.labels = labels == null ? "" : labels.strip();
    }

    public String getTier() {
        return tier;
    }

    public void setTier(@Nullable String tier) {
        this.tier = tier == null ? "" : tier.strip();
    }

    public String getOrder() {
        return order;
    }

    public void setOrder(@Nullable String order) {
        this.order = order == null ? "" : order.strip();
    }

    public SelectorForm getSelector() {
        return selector;
    }

    public void setSelector(SelectorForm selector) {
        this.selector = selector;
    }

    public SelectorForm getNamespaceSelector() {
        return namespaceSelector;
    }

    public void setNamespaceSelector(SelectorForm namespaceSelector) {
        this.namespaceSelector = namespaceSelector;
    }

    public String getTypes() {
        return types;
    }

    public void setTypes(@Nullable String types) {
        this.types = types != null && TYPES.contains(types) ? types : "";
    }

    public List<RuleForm> getIngress() {
        return ingress;
    }

    public void setIngress(List<RuleForm> ingress) {
        this.ingress = ingress;
    }

    public List<RuleForm> getEgress() {
        return egress;
    }

    public void setEgress(List<RuleForm> egress) {
        this.egress = egress;
    }

    public @Nullable Long getRevision() {
        return revision;
    }

    public void setRevision(@Nullable Long revision) {
        this.revision = revision;
    }

    /** Why Tierdeck takes over a policy in force it does not manage yet; asked only when adopting one. */
    public String getReason() {
        return reason;
    }

    public void setReason(@Nullable String reason) {
        this.reason = reason == null ? "" : reason;
    }

    public String getYaml() {
        return yaml;
    }

    public void setYaml(@Nullable String yaml) {
        this.yaml = yaml == null ? "" : yaml;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(@Nullable String mode) {
        this.mode = YAML.equals(mode) ? YAML : FORM;
    }

    public boolean isYamlMode() {
        return YAML.equals(mode);
    }

    List<RuleForm> rules(String direction) {
        return "egress".equals(direction) ? egress : ingress;
    }
}
