package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.PolicyType;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which directions the suggested policies govern. */
public enum Directions {
    INGRESS(List.of(PolicyType.Ingress)),
    EGRESS(List.of(PolicyType.Egress)),
    BOTH(List.of(PolicyType.Ingress, PolicyType.Egress));

    private final List<PolicyType> types;

    Directions(List<PolicyType> types) {
        this.types = types;
    }

    public List<PolicyType> types() {
        return types;
    }

    public boolean ingress() {
        return this != EGRESS;
    }

    public boolean egress() {
        return this != INGRESS;
    }

    public static @Nullable Directions parse(String text) {
        for (Directions d : values()) {
            if (d.name().equalsIgnoreCase(text.strip())) {
                return d;
            }
        }
        return null;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
