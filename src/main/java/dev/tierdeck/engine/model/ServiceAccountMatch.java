package dev.tierdeck.engine.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code serviceAccounts} of an entity rule: names and selector are AND-ed (calico-semantics §2.6). */
public record ServiceAccountMatch(
        List<String> names, @Nullable String selector) {
    public ServiceAccountMatch {
        names = List.copyOf(names);
    }
}
