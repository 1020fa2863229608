package dev.tierdeck.policy.editor;

import dev.tierdeck.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages placed next to the form inputs they concern. Problems come with manifest paths
 * ({@code spec.ingress[1].source.nets[0]}) or form keys ({@code ingress[1].peer.pods}); both are folded onto the
 * form's message slots, and whatever has no slot is shown at the top of the form.
 */
public final class Messages {

    /** The slot of messages about the whole policy, shown above the form. */
    static final String TOP = "";

    /** The slot under the YAML editor. */
    static final String YAML = "yaml";

    private static final Pattern RULE =
            Pattern.compile("^spec\\.(ingress|egress)\\[(\\d+)](?:\\.([a-zA-Z]+)(?:\\.([a-zA-Z]+))?)?.*$");
    private static final Pattern FORM_RULE = Pattern.compile("^((?:ingress|egress)\\[\\d+])(\\.[a-zA-Z]+)?.*$");

    /**
     * One message: an error blocks saving, a warning only asks for an approver, an advisory only notes something the
     * author probably did not mean.
     */
    public record Message(String text, boolean blocking, boolean advisory) {

        /** The CSS class the template gives it. */
        public String css() {
            return blocking ? "field-error" : advisory ? "field-advice" : "field-warning";
        }
    }

    private final Map<String, List<Message>> slots = new LinkedHashMap<>();

    /** Adds a message found at a manifest path. */
    void atPath(String path, String text, boolean blocking) {
        add(slotOf(path), text, blocking);
    }

    /** Adds a message the form itself found, keyed by form field. */
    void atField(String key, String text) {
        add(formSlot(key), text, true);
    }

    /** Adds an advisory at the manifest path it concerns; it never blocks. */
    void advise(String path, String text) {
        slots.computeIfAbsent(slotOf(path), k -> new ArrayList<>()).add(new Message(text, false, true));
    }

    /** Adds an advisory under the YAML editor, naming its line and field. */
    void adviseInYaml(String text) {
        slots.computeIfAbsent(YAML, k -> new ArrayList<>()).add(new Message(text, false, true));
    }

    void top(String text) {
        add(TOP, text, true);
    }

    /** Problems of the YAML editor, each naming its line and field. */
    void inYaml(String text, boolean blocking) {
        add(YAML, text, blocking);
    }

    /** A guardrail's message names the guardrail and its fix; one that does not block says it needs an approver. */
    static String describe(PolicyProblem p) {
        String text = p.guardrail() == null || p.message().startsWith("Guardrail ")
                ? p.message()
                : "Guardrail " + p.guardrail() + ": " + p.message();
        return p.blocking() ? text : text + " (Saving is allowed; an approver must accept the change.)";
    }

    private void add(String slot, String text, boolean blocking) {
        slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(new Message(text, blocking, false));
    }

    public List<Message> of(String slot) {
        return slots.getOrDefault(slot, List.of());
    }

    public boolean has(String slot) {
        return slots.containsKey(slot);
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    public boolean blocks() {
        return slots.values().stream().flatMap(List::stream).anyMatch(Message::blocking);
    }

    /** {@link #id} for templates. */
    public String slotId(String slot) {
        return id(slot);
    }

    /** The element id of a slot: {@code ingress[1].peer} → {@code msg-ingress-1-peer}. */
    public static String id(String slot) {
        return slot.isEmpty()
                ? "msg-top"
                : "msg-" + slot.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }

    /** Every slot the form has, for replacing all of them at once after a live check. */
    static List<String> slotsOf(PolicyForm form, boolean global) {
        List<String> out = new ArrayList<>(List.of(TOP, YAML, "name", "labels", "tier", "order", "selector", "types"));
        if (global) {
            out.add("namespaceSelector");
        }
        for (String direction : List.of("ingress", "egress")) {
            out.add(direction);
            for (int i = 0; i < form.rules(direction).size(); i++) {
                String rule = direction + "[" + i + "]";
                out.addAll(List.of(rule, rule + ".action", rule + ".protocol", rule + ".ports", rule + ".peer"));
            }
        }
        return out;
    }

    /** Where a manifest path is shown: its form input, or the top of the form. */
    static String slotOf(String path) {
        if (path.startsWith("metadata.labels")) {
            return "labels";
        }
        switch (path) {
            case "metadata.name" -> {
                return "name";
            }
            case "reason" -> {
                return "reason";
            }
            case "spec.tier" -> {
                return "tier";
            }
            case "spec.order" -> {
                return "order";
            }
            case "spec.selector" -> {
                return "selector";
            }
            case "spec.namespaceSelector" -> {
                return "namespaceSelector";
            }
            default -> {}
        }
        if (path.startsWith("spec.types")) {
            return "types";
        }
        if (path.equals("spec.ingress") || path.equals("spec.egress")) {
            // A guardrail that measures all the rules of a direction together speaks about the whole list.
            return path.substring("spec.".length());
        }
        Matcher m = RULE.matcher(path);
        if (!m.matches()) {
            return TOP;
        }
        String rule = m.group(1) + "[" + m.group(2) + "]";
        String field = m.group(3);
        if (field == null) {
            return rule;
        }
        boolean ingress = m.group(1).equals("ingress");
        String peerSide = ingress ? "source" : "destination";
        return switch (field) {
            case "action" -> rule + ".action";
            case "protocol" -> rule + ".protocol";
            case "source", "destination" -> {
                if ("ports".equals(m.group(4)) && field.equals("destination")) {
                    yield rule + ".ports";
                }
                yield field.equals(peerSide) ? rule + ".peer" : rule;
            }
            default -> rule;
        };
    }

    private static String formSlot(String key) {
        Matcher m = FORM_RULE.matcher(key);
        if (m.matches()) {
            return m.group(2) == null ? m.group(1) : m.group(1) + m.group(2);
        }
        return key;
    }
}
