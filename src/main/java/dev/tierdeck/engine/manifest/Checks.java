package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Calico's validation rules for names, selectors and CIDRs (calico-semantics §1.2–1.5, §3.4). */
final class Checks {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern POLICY_NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")?");
    private static final Pattern K8S_PREFIXED =
            Pattern.compile("(knp|ossg)\\.default\\." + LABEL + "(\\." + LABEL + ")*");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    /** Selector fields are limited to 1024 characters (CRD MaxLength, calico-semantics §3.1). */
    static final int MAX_SELECTOR = Selectors.MAX_LENGTH;

    private Checks() {}

    static boolean isDnsLabel(String s) {
        return s.length() <= 63 && DNS_LABEL.matcher(s).matches();
    }

    static boolean isDnsSubdomain(String s) {
        return s.length() <= 253 && DNS_SUBDOMAIN.matcher(s).matches();
    }

    /** NetworkPolicy / StagedNetworkPolicy names (calico-semantics §1.5). */
    static boolean isNamespacedPolicyName(String s) {
        return s.length() <= 253
                && (POLICY_NAME.matcher(s).matches() || K8S_PREFIXED.matcher(s).matches());
    }

    /** GlobalNetworkPolicy / StagedGlobalNetworkPolicy names. */
    static boolean isGlobalPolicyName(String s) {
        return s.length() <= 253 && POLICY_NAME.matcher(s).matches();
    }

    /** A Kubernetes label key: an optional DNS subdomain prefix and a slash, then a name of at most 63 characters. */
    static boolean isLabelKey(String s) {
        int slash = s.lastIndexOf('/');
        String name = slash < 0 ? s : s.substring(slash + 1);
        return (slash < 0 || (slash > 0 && isDnsSubdomain(s.substring(0, slash))))
                && name.length() <= 63
                && LABEL_NAME.matcher(name).matches();
    }

    /** A Kubernetes label value: empty, or at most 63 letters, digits, {@code -_.}, starting and ending alphanumeric. */
    static boolean isLabelValue(String s) {
        return s.isEmpty() || (s.length() <= 63 && LABEL_NAME.matcher(s).matches());
    }

    /** An IANA service name as Kubernetes uses for named ports: 1–15 characters, at least one letter. */
    static boolean isPortName(String s) {
        return s.length() <= 15
                && PORT_NAME.matcher(s).matches()
                && !s.contains("--")
                && s.chars().anyMatch(Character::isLetter);
    }

    /**
     * Parses a selector field and reports syntax errors and misplaced {@code global()}; {@code wholeGlobalAllowed}
     * for a rule's namespaceSelector, where {@code global()} may be the entire expression (§3.4).
     */
    static @Nullable Selector selector(Document d, @Nullable String text, String path, boolean wholeGlobalAllowed) {
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_SELECTOR) {
            d.error(path, "selector is longer than " + MAX_SELECTOR + " characters");
            return null;
        }
        switch (Selectors.parse(text)) {
            case ParseResult.Error e -> {
                d.error(path, "invalid selector '" + text + "': " + e.message() + " at position " + e.position());
                return null;
            }
            case ParseResult.Ok ok -> {
                Selector s = ok.selector();
                boolean global = text.contains("global(") || Selectors.mentionsGlobal(s);
                if (global && !(wholeGlobalAllowed && s instanceof Selector.Global)) {
                    d.error(
                            path,
                            wholeGlobalAllowed
                                    ? "global() must be the entire namespaceSelector, not part of an expression"
                                    : "global() is not allowed here (only as a rule's whole namespaceSelector)");
                    return null;
                }
                return s;
            }
        }
    }

    static @Nullable Cidr cidr(Document d, String text, String path) {
        Cidr c = Cidr.parse(text);
        if (c == null) {
            d.error(path, "'" + text + "' is not a valid CIDR");
        }
        return c;
    }
}
