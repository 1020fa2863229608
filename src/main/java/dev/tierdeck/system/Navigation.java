package dev.tierdeck.system;

import dev.tierdeck.identity.CurrentUser;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The navigation links contributed by the modules, filtered for one user. */
@Component
public class Navigation {

    private final List<NavigationLink> links;

    Navigation(ObjectProvider<NavigationLink> links) {
        this.links = links.stream()
                .sorted(Comparator.comparing(NavigationLink::section)
                        .thenComparingInt(NavigationLink::order)
                        .thenComparing(NavigationLink::label))
                .toList();
    }

    /** The links {@code user} may follow, by section in display order; sections without links are left out. */
    public Map<NavigationLink.Section, List<NavigationLink>> visibleTo(CurrentUser user) {
        return links.stream()
                .filter(link -> link.visibleTo(user))
                .collect(Collectors.groupingBy(NavigationLink::section, TreeMap::new, Collectors.toList()));
    }
}
