package dev.tierdeck.policy.editor;

import java.util.List;
import java.util.Optional;

/**
 * Starting points for common needs, offered on the new-policy page and on the namespace page under the same titles.
 */
public final class PolicyTemplates {

    /** One template: its id in {@code ?template=}, a title and what it does. */
    public record Template(String id, String title, String description) {}

    public static final List<Template> ALL = List.of(
            new Template(
                    "default-deny",
                    "Default deny",
                    "Applies to every pod of the namespace in both directions, with no rules: whatever no other rule"
                            + " allows is denied."),
            new Template(
                    "allow-same-namespace",
                    "Allow from the same namespace",
                    "Every pod of the namespace may be reached by the other pods of the namespace."),
            new Template(
                    "allow-ingress-controller",
                    "Allow from the ingress controller",
                    "Pods of the namespace may be reached from the namespace ingress-nginx."),
            new Template(
                    "allow-dns",
                    "Allow DNS egress",
                    "Pods may ask the cluster DNS (pods k8s-app == kube-dns in kube-system) on UDP and TCP port 53."),
            new Template(
                    "allow-database",
                    "Allow to the database namespace",
                    "Pods may connect to every pod of the namespace db."));

    private PolicyTemplates() {}

    static Optional<Template> find(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The form a template starts with, in {@code tier}. */
    static PolicyForm form(Template template, String tier) {
        PolicyForm f = new PolicyForm();
        f.setName(template.id());
        f.setTier(tier);
        switch (template.id()) {
            case "default-deny" -> f.setTypes("Ingress,Egress");
            case "allow-same-namespace" -> {
                f.setTypes("Ingress");
                RuleForm rule = RuleForm.of("Allow");
                rule.getPeer().setKind(PeerForm.PODS);
                f.getIngress().add(rule);
            }
            case "allow-ingress-controller" -> {
                f.setTypes("Ingress");
                f.getIngress().add(toNamespace("Allow", "ingress-nginx"));
            }
            case "allow-dns" -> {
                f.setTypes("Egress");
                for (String protocol : List.of("UDP", "TCP")) {
                    RuleForm rule = RuleForm.of("Allow");
                    rule.setProtocol(protocol);
                    rule.setPorts("53");
                    rule.getPeer().setKind(PeerForm.NAMESPACE_PODS);
                    rule.getPeer().setNamespaceNames("kube-system");
                    rule.getPeer().setPods(SelectorForm.ofRows(new SelectorForm.Row("k8s-app", "==", "kube-dns")));
                    f.getEgress().add(rule);
                }
            }
            case "allow-database" -> {
                f.setTypes("Egress");
                f.getEgress().add(toNamespace("Allow", "db"));
            }
            default -> throw new IllegalArgumentException("unknown template " + template.id());
        }
        return f;
    }

    private static RuleForm toNamespace(String action, String namespace) {
        RuleForm rule = RuleForm.of(action);
        rule.getPeer().setKind(PeerForm.NAMESPACES);
        rule.getPeer().setNamespaceNames(namespace);
        return rule;
    }
}
