package dev.tierdeck.tier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The guardrail form as the browser posts it: one flat field per setting, lists as text with one entry per line.
 * Field names follow {@link GuardrailRules} ({@code egressCidrs.allowed} is {@code egressAllowed}).
 */
record GuardrailForm(
        @Nullable Boolean egressEnabled,
        @Nullable String egressSeverity,
        @Nullable String egressAllowed,
        @Nullable String egressPublicV4,
        @Nullable String egressPublicV6,
        @Nullable Boolean ingressEnabled,
        @Nullable String ingressSeverity,
        @Nullable Boolean peersEnabled,
        @Nullable String peersSeverity,
        @Nullable Boolean portsEnabled,
        @Nullable String portsSeverity,
        @Nullable String protocols,
        @Nullable String ports,
        @Nullable Boolean labelsEnabled,
        @Nullable String labelsSeverity,
        @Nullable String labels,
        @Nullable Boolean maxRulesEnabled,
        @Nullable String maxRulesSeverity,
        @Nullable String maxRules,
        @Nullable Boolean passLogEnabled,
        @Nullable String passLogSeverity,
        @Nullable String passAllowedIn,
        @Nullable String logAllowedIn,
        @Nullable Boolean looseningEnabled,
        @Nullable String looseningSeverity,
        @Nullable Boolean looseningEveryChange,
        @Nullable Boolean evidenceEnabled,
        @Nullable String evidenceSeverity,
        @Nullable String evidenceMinutes,
        @Nullable String evidenceMaxDenials,
        @Nullable String comment,
        @Nullable Integer baseVersion) {

    static GuardrailForm of(GuardrailVersion version) {
        GuardrailRules r = version.rules();
        return new GuardrailForm(
                r.egressCidrs().enabled(),
                r.egressCidrs().severity().id(),
                lines(r.egressCidrs().allowed()),
                Integer.toString(r.egressCidrs().publicPrefixV4()),
                Integer.toString(r.egressCidrs().publicPrefixV6()),
                r.ingressFromAllNamespaces().enabled(),
                r.ingressFromAllNamespaces().severity().id(),
                r.peerNamespaces().enabled(),
                r.peerNamespaces().severity().id(),
                r.protocolsAndPorts().enabled(),
                r.protocolsAndPorts().severity().id(),
                lines(r.protocolsAndPorts().protocols()),
                lines(r.protocolsAndPorts().ports()),
                r.requiredLabels().enabled(),
                r.requiredLabels().severity().id(),
                lines(r.requiredLabels().labels()),
                r.maxRules().enabled(),
                r.maxRules().severity().id(),
                Integer.toString(r.maxRules().max()),
                r.passAndLog().enabled(),
                r.passAndLog().severity().id(),
                lines(r.passAndLog().passAllowedIn()),
                lines(r.passAndLog().logAllowedIn()),
                r.loosening().enabled(),
                r.loosening().severity().id(),
                r.loosening().everyChange(),
                r.promotionEvidence().enabled(),
                r.promotionEvidence().severity().id(),
                Integer.toString(r.promotionEvidence().minStagedMinutes()),
                Integer.toString(r.promotionEvidence().maxNewDenials()),
                "",
                version.version());
    }

    /**
     * The rules the form describes, or the problems that keep it from describing any (severities and the maximum
     * that are not what they should be); the rules themselves are validated afterwards like the API's.
     */
    Result toRules() {
        List<InvalidField> problems = new ArrayList<>();
        Severity egress = severity("egressCidrs", egressSeverity, problems);
        Severity ingress = severity("ingressFromAllNamespaces", ingressSeverity, problems);
        Severity peers = severity("peerNamespaces", peersSeverity, problems);
        Severity portsSev = severity("protocolsAndPorts", portsSeverity, problems);
        Severity labelsSev = severity("requiredLabels", labelsSeverity, problems);
        Severity maxSev = severity("maxRules", maxRulesSeverity, problems);
        Severity passLog = severity("passAndLog", passLogSeverity, problems);
        Severity loosening = severity("loosening", looseningSeverity, problems);
        // a form without the promotion-evidence fields (a page loaded before they existed) keeps their defaults
        GuardrailRules.PromotionEvidence defaults = GuardrailRules.PromotionEvidence.DEFAULT;
        Severity evidence = evidenceSeverity == null
                ? defaults.severity()
                : severity("promotionEvidence", evidenceSeverity, problems);
        int minutes = evidenceMinutes == null
                ? defaults.minStagedMinutes()
                : whole("promotionEvidence.minStagedMinutes", evidenceMinutes, problems);
        int maxDenials = evidenceMaxDenials == null
                ? defaults.maxNewDenials()
                : whole("promotionEvidence.maxNewDenials", evidenceMaxDenials, problems);
        Integer publicV4 = number("egressCidrs.publicPrefixV4", egressPublicV4, problems);
        Integer publicV6 = number("egressCidrs.publicPrefixV6", egressPublicV6, problems);
        int max = 0;
        String maxText = maxRules == null ? "" : maxRules.trim();
        if (maxText.matches("[0-9]{1,6}")) {
            max = Integer.parseInt(maxText);
        } else {
            problems.add(new InvalidField("maxRules.max", "Enter a whole number."));
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(
                new GuardrailRules(
                        new GuardrailRules.EgressCidrs(
                                on(egressEnabled), egress, split(egressAllowed), publicV4, publicV6),
                        new GuardrailRules.Simple(on(ingressEnabled), ingress),
                        new GuardrailRules.Simple(on(peersEnabled), peers),
                        new GuardrailRules.ProtocolsAndPorts(
                                on(portsEnabled), portsSev, split(protocols), split(ports)),
                        new GuardrailRules.RequiredLabels(on(labelsEnabled), labelsSev, split(labels)),
                        new GuardrailRules.MaxRules(on(maxRulesEnabled), maxSev, max),
                        new GuardrailRules.PassAndLog(
                                on(passLogEnabled), passLog, split(passAllowedIn), split(logAllowedIn)),
                        new GuardrailRules.Loosening(on(looseningEnabled), loosening, on(looseningEveryChange)),
                        new GuardrailRules.PromotionEvidence(on(evidenceEnabled), evidence, minutes, maxDenials)),
                List.of());
    }

    /** Either rules, or the problems of the form. */
    record Result(@Nullable GuardrailRules rules, List<InvalidField> problems) {}

    /** A whole number, or the problem naming the field; blank keeps the default. */
    private static @Nullable Integer number(String field, @Nullable String text, List<InvalidField> problems) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (!t.matches("[0-9]{1,3}")) {
            problems.add(new InvalidField(field, "Enter a prefix length such as 8."));
            return null;
        }
        return Integer.parseInt(t);
    }

    /** A whole number of at most seven digits, or the problem naming the field. */
    private static int whole(String field, @Nullable String text, List<InvalidField> problems) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("[0-9]{1,7}")) {
            problems.add(new InvalidField(field, "Enter a whole number."));
            return 0;
        }
        return Integer.parseInt(t);
    }

    private static boolean on(@Nullable Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static @Nullable Severity severity(String rule, @Nullable String text, List<InvalidField> problems) {
        Severity severity = text == null ? null : Severity.fromId(text).orElse(null);
        if (severity == null) {
            problems.add(new InvalidField(rule + ".severity", "Choose block or require-approval."));
        }
        return severity;
    }

    static List<String> split(@Nullable String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("[,\\r\\n]+"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static String lines(List<String> values) {
        return String.join("\n", values);
    }
}
