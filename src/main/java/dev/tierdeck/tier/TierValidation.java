package dev.tierdeck.tier;

import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.text.TextInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks a submitted tier; every problem names its field. */
final class TierValidation {

    /** Calico's tier name rule: a DNS-1123 label, no dots, at most 63 characters (calico-semantics §1.2). */
    private static final Pattern TIER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private static final Pattern GROUP = Pattern.compile("[^\\s,]{1,200}");
    private static final int MAX_OWNERS = 20;
    private static final int MAX_PURPOSE = 2000;

    private TierValidation() {}

    /**
     * The problems of {@code input}; {@code editorGroups} are the submitting admin's groups, who must stay an owner
     * of a tier they lock so they cannot lock themselves out.
     */
    static List<InvalidField> problems(TierInput input, Set<String> editorGroups) {
        List<InvalidField> out = new ArrayList<>();
        String name = input.name();
        if (name.isEmpty()) {
            out.add(new InvalidField("name", "Enter a name."));
        } else if (name.length() > 63) {
            out.add(new InvalidField("name", "A tier name has at most 63 characters."));
        } else if (!TIER_NAME.matcher(name).matches()) {
            out.add(new InvalidField(
                    "name",
                    "Use lower-case letters, digits and '-', starting and ending with a letter or digit (no dots)."));
        }
        Tier builtIn = Tier.BUILT_IN.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElse(null);
        Double order = null;
        if (!input.order().isEmpty()) {
            order = order(input.order());
            if (order == null) {
                out.add(new InvalidField("order", "The order must be a number, e.g. 100 or 250.5."));
            }
        }
        RuleAction action = defaultAction(input.defaultAction());
        if (action == null) {
            out.add(new InvalidField("defaultAction", "The default action must be Deny or Pass."));
        }
        if (builtIn != null) {
            // Built-in tiers keep their order and default action (calico-semantics §1.2).
            if (!input.order().isEmpty() && order != null && !order.equals(builtIn.order())) {
                out.add(new InvalidField(
                        "order",
                        "The order of the built-in tier " + name + " is fixed at "
                                + TierView.formatOrder(builtIn.order()) + "."));
            }
            if (action != null && !input.defaultAction().isEmpty() && action != builtIn.defaultAction()) {
                out.add(new InvalidField(
                        "defaultAction",
                        "The default action of the built-in tier " + name + " is fixed at " + builtIn.defaultAction()
                                + "."));
            }
        }
        List<String> owners = input.owners();
        if (owners.size() > MAX_OWNERS) {
            out.add(new InvalidField("owners", "At most " + MAX_OWNERS + " owner groups."));
        }
        for (int i = 0; i < owners.size() && i < MAX_OWNERS; i++) {
            if (!GROUP.matcher(owners.get(i)).matches()
                    || TextInput.problem(owners.get(i), TextInput.Kind.LINE, 200) != null) {
                out.add(new InvalidField(
                        "owners[" + i + "]",
                        "A group name has 1 to 200 characters and no spaces, commas or control characters."));
            }
        }
        if (input.locked() && owners.isEmpty()) {
            out.add(new InvalidField("owners", "A locked tier needs at least one owner group."));
        } else if (input.locked() && owners.stream().noneMatch(editorGroups::contains)) {
            out.add(new InvalidField(
                    "owners",
                    "Include one of your own groups as an owner; otherwise nobody you know could change the tier"
                            + " once it is locked."));
        }
        String purpose = TextInput.problem(input.purpose(), TextInput.Kind.TEXT, MAX_PURPOSE);
        if (purpose != null) {
            out.add(new InvalidField("purpose", "The purpose " + purpose + "."));
        }
        return out;
    }

    /** A finite number, or {@code null}. */
    static @Nullable Double order(String text) {
        if (text.isEmpty() || !text.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
            return null;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
    }

    /** Deny (also when empty: Calico's default) or Pass; anything else is {@code null}. */
    static @Nullable RuleAction defaultAction(String text) {
        return switch (text) {
            case "", "Deny" -> RuleAction.Deny;
            case "Pass" -> RuleAction.Pass;
            default -> null;
        };
    }
}
