package dev.tierdeck.tenancy;

import dev.tierdeck.identity.CurrentUser;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** {@link Tenancy} from {@code tierdeck.tenancy.teams}. */
@Component
@EnableConfigurationProperties(TenancyProperties.class)
class ConfiguredTenancy implements Tenancy {

    private final TenancyProperties properties;

    ConfiguredTenancy(TenancyProperties properties) {
        this.properties = properties;
    }

    @Override
    public Set<String> teamsOf(CurrentUser user) {
        String prefix = properties.teamGroupPrefix();
        return user.groups().stream()
                .filter(group -> group.startsWith(prefix) && group.length() > prefix.length())
                .map(group -> group.substring(prefix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<String> namespacesOf(CurrentUser user) {
        Set<String> namespaces = new TreeSet<>();
        for (String team : teamsOf(user)) {
            namespaces.addAll(properties.teams().getOrDefault(team, List.of()));
        }
        return namespaces;
    }
}
