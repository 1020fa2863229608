package dev.tierdeck.system.web;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.system.ClusterOverview;
import dev.tierdeck.system.Navigation;
import dev.tierdeck.system.NavigationLink;
import dev.tierdeck.tenancy.Tenancy;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page, one section per role the user holds: admins see the cluster connection and their areas,
 * developers their namespaces, viewers a read-only overview. htmx requests get only the content fragment.
 */
@Controller
class HomeController {

    private final Tenancy tenancy;
    private final Navigation navigation;
    private final ObjectProvider<ClusterOverview> cluster;

    HomeController(Tenancy tenancy, Navigation navigation, ObjectProvider<ClusterOverview> cluster) {
        this.tenancy = tenancy;
        this.navigation = navigation;
        this.cluster = cluster;
    }

    @GetMapping("/")
    String home(CurrentUser user, Model model) {
        fill(user, model);
        return "home";
    }

    @HxRequest
    @GetMapping("/")
    String homeContent(CurrentUser user, Model model) {
        fill(user, model);
        return "home :: content";
    }

    private void fill(CurrentUser user, Model model) {
        model.addAttribute("roles", user.sortedRoles().stream().map(Role::id).toList());
        model.addAttribute("admin", user.isAdmin());
        model.addAttribute("developer", user.hasRole(Role.DEVELOPER));
        model.addAttribute("viewer", user.hasRole(Role.VIEWER));
        model.addAttribute("teams", tenancy.teamsOf(user));
        model.addAttribute("namespaces", tenancy.namespacesOf(user));
        model.addAttribute("adminAreas", areas(user, NavigationLink.Section.ADMINISTRATION));
        model.addAttribute("overviewAreas", areas(user, NavigationLink.Section.OVERVIEW));
        ClusterOverview overview = cluster.getIfAvailable();
        model.addAttribute("cluster", overview == null ? null : overview.connection());
    }

    private List<NavigationLink> areas(CurrentUser user, NavigationLink.Section section) {
        return navigation.visibleTo(user).getOrDefault(section, List.of());
    }
}
