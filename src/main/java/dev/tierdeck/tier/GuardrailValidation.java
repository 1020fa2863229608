package dev.tierdeck.tier;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks guardrail settings an admin submits; every problem names its field (e.g. {@code egressCidrs.allowed[1]}). */
final class GuardrailValidation {

    static final int MAX_RULES_LIMIT = 2048;
    static final int MAX_STAGED_MINUTES = 30 * 24 * 60;
    static final int MAX_NEW_DENIALS = 100_000;
    private static final int MAX_LIST = 100;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A Kubernetes label key: optional DNS-subdomain prefix and a name of at most 63 characters. */
    private static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private GuardrailValidation() {}

    static List<InvalidField> problems(@Nullable GuardrailRules rules) {
        List<InvalidField> out = new ArrayList<>();
        if (rules == null) {
            out.add(new InvalidField("rules", "The guardrail rules are missing."));
            return out;
        }
        if (present(
                out,
                "egressCidrs",
                rules.egressCidrs(),
                rules.egressCidrs() == null ? null : rules.egressCidrs().severity())) {
            list(
                    out,
                    "egressCidrs.allowed",
                    rules.egressCidrs().allowed(),
                    text -> Cidr.parse(text) == null
                            ? "'" + text + "' is not a CIDR such as 10.0.0.0/8 or fd00::/8."
                            : null);
            prefix(out, "egressCidrs.publicPrefixV4", rules.egressCidrs().publicPrefixV4(), 32);
            prefix(out, "egressCidrs.publicPrefixV6", rules.egressCidrs().publicPrefixV6(), 128);
        }
        present(
                out,
                "ingressFromAllNamespaces",
                rules.ingressFromAllNamespaces(),
                rules.ingressFromAllNamespaces() == null
                        ? null
                        : rules.ingressFromAllNamespaces().severity());
        present(
                out,
                "peerNamespaces",
                rules.peerNamespaces(),
                rules.peerNamespaces() == null ? null : rules.peerNamespaces().severity());
        GuardrailRules.ProtocolsAndPorts pp = rules.protocolsAndPorts();
        if (present(out, "protocolsAndPorts", pp, pp == null ? null : pp.severity())) {
            list(
                    out,
                    "protocolsAndPorts.protocols",
                    pp.protocols(),
                    text -> Protocol.parse(text) == null
                            ? "'" + text + "' is not a protocol (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1-255)."
                            : null);
            list(
                    out,
                    "protocolsAndPorts.ports",
                    pp.ports(),
                    text -> portRange(text) == null
                            ? "'" + text + "' is not a port (1-65535) or a range such as 8000:8999."
                            : null);
        }
        GuardrailRules.RequiredLabels labels = rules.requiredLabels();
        if (present(out, "requiredLabels", labels, labels == null ? null : labels.severity())) {
            list(
                    out,
                    "requiredLabels.labels",
                    labels.labels(),
                    text -> text.length() <= 253 && LABEL_KEY.matcher(text).matches()
                            ? null
                            : "'" + text + "' is not a label key such as team or example.com/owner.");
        }
        GuardrailRules.MaxRules max = rules.maxRules();
        if (present(out, "maxRules", max, max == null ? null : max.severity())
                && (max.max() < 1 || max.max() > MAX_RULES_LIMIT)) {
            out.add(new InvalidField("maxRules.max", "The maximum must be between 1 and " + MAX_RULES_LIMIT + "."));
        }
        GuardrailRules.PassAndLog pl = rules.passAndLog();
        if (present(out, "passAndLog", pl, pl == null ? null : pl.severity())) {
            list(out, "passAndLog.passAllowedIn", pl.passAllowedIn(), GuardrailValidation::namespaceProblem);
            list(out, "passAndLog.logAllowedIn", pl.logAllowedIn(), GuardrailValidation::namespaceProblem);
        }
        GuardrailRules.Loosening loosening = rules.loosening();
        present(out, "loosening", loosening, loosening == null ? null : loosening.severity());
        GuardrailRules.PromotionEvidence evidence = rules.promotionEvidence();
        if (present(out, "promotionEvidence", evidence, evidence == null ? null : evidence.severity())) {
            if (evidence.minStagedMinutes() < 0 || evidence.minStagedMinutes() > MAX_STAGED_MINUTES) {
                out.add(new InvalidField(
                        "promotionEvidence.minStagedMinutes",
                        "The minimum time staged is from 0 to " + MAX_STAGED_MINUTES + " minutes (30 days)."));
            }
            if (evidence.maxNewDenials() < 0 || evidence.maxNewDenials() > MAX_NEW_DENIALS) {
                out.add(new InvalidField(
                        "promotionEvidence.maxNewDenials",
                        "The most newly denied flows is a number from 0 to " + MAX_NEW_DENIALS + "."));
            }
        }
        return out;
    }

    private static void prefix(List<InvalidField> out, String field, @Nullable Integer value, int max) {
        if (value == null || value < 0 || value > max) {
            out.add(new InvalidField(
                    field, "The limit is a prefix length from 0 (no limit) to " + max + ", such as " + max / 4 + "."));
        }
    }

    /** A port or {@code start:end} range within 1-65535, or {@code null}. */
    static Port.@Nullable Range portRange(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        Integer first = port(colon < 0 ? t : t.substring(0, colon));
        Integer last = colon < 0 ? first : port(t.substring(colon + 1));
        if (first == null || last == null || first > last) {
            return null;
        }
        return new Port.Range(first, last);
    }

    private static @Nullable Integer port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? p : null;
    }

    private static @Nullable String namespaceProblem(String text) {
        return text.equals("*") || DNS_LABEL.matcher(text).matches()
                ? null
                : "'" + text + "' is not a namespace name (or * for every namespace).";
    }

    private static boolean present(
            List<InvalidField> out, String field, @Nullable Object rule, @Nullable Severity severity) {
        if (rule == null) {
            out.add(new InvalidField(field, "This guardrail is missing."));
            return false;
        }
        if (severity == null) {
            out.add(new InvalidField(field + ".severity", "Choose block or require-approval."));
        }
        return true;
    }

    private static void list(
            List<InvalidField> out,
            String field,
            @Nullable List<String> values,
            java.util.function.Function<String, @Nullable String> check) {
        if (values == null) {
            out.add(new InvalidField(field, "The list is missing."));
            return;
        }
        if (values.size() > MAX_LIST) {
            out.add(new InvalidField(field, "At most " + MAX_LIST + " entries."));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String problem = value == null ? "The entry is empty." : check.apply(value);
            if (problem != null) {
                out.add(new InvalidField(field + "[" + i + "]", problem));
            }
        }
    }
}
