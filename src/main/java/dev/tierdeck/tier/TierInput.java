package dev.tierdeck.tier;

import java.util.Arrays;
import java.util.List;

/**
 * A tier as an admin submitted it, from the form or the API, before validation. Text fields are kept as typed so a
 * form with errors shows them again unchanged.
 *
 * @param order empty for "no order" (evaluated last)
 * @param owners the owner groups, one per entry
 */
record TierInput(
        String name,
        String order,
        String defaultAction,
        boolean locked,
        List<String> owners,
        boolean developerTier,
        String purpose,
        boolean confidential) {

    TierInput {
        name = name == null ? "" : name.trim();
        order = order == null ? "" : order.trim();
        defaultAction = defaultAction == null ? "" : defaultAction.trim();
        owners = owners == null
                ? List.of()
                : owners.stream().map(o -> o == null ? "" : o.trim()).toList();
        purpose = purpose == null ? "" : purpose.trim();
    }

    /** The owners as one text: one group per line. */
    public String ownersText() {
        return String.join("\n", owners);
    }

    /** Splits the form's owner text at line breaks and commas, dropping empty entries. */
    static List<String> splitOwners(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("[,\\r\\n]+"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    static TierInput of(TierView tier) {
        TierSettings s = tier.settings();
        return new TierInput(
                tier.name(),
                tier.orderText(),
                tier.defaultAction(),
                s.locked(),
                s.owners(),
                s.developerTier(),
                s.purpose(),
                s.confidential());
    }
}
