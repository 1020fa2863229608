package dev.tierdeck.system.web;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.CurrentUsers;
import dev.tierdeck.system.Navigation;
import dev.tierdeck.system.NavigationLink;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What {@code layout.html} needs on every page: the signed-in user (null on the sign-in and error pages of
 * anonymous visitors), their navigation and the current path.
 */
@ControllerAdvice
class LayoutModel {

    // providers: MVC test slices of other modules load this advice without the identity module's beans
    private final ObjectProvider<CurrentUsers> currentUsers;
    private final ObjectProvider<Navigation> navigation;

    LayoutModel(ObjectProvider<CurrentUsers> currentUsers, ObjectProvider<Navigation> navigation) {
        this.currentUsers = currentUsers;
        this.navigation = navigation;
    }

    @ModelAttribute("currentUser")
    @Nullable
    CurrentUser currentUser() {
        CurrentUsers users = currentUsers.getIfAvailable();
        return users == null ? null : users.current().orElse(null);
    }

    @ModelAttribute("navigation")
    Map<NavigationLink.Section, List<NavigationLink>> navigation() {
        CurrentUser user = currentUser();
        Navigation links = navigation.getIfAvailable();
        return user == null || links == null ? Map.of() : links.visibleTo(user);
    }

    /** Per link path, how many items wait there for the user; links with none are left out. */
    @ModelAttribute("waiting")
    Map<String, Integer> waiting() {
        CurrentUser user = currentUser();
        if (user == null) {
            return Map.of();
        }
        Map<String, Integer> out = new java.util.HashMap<>();
        navigation()
                .values()
                .forEach(links -> links.forEach(link -> {
                    int n = link.waiting().applyAsInt(user);
                    if (n > 0) {
                        out.put(link.path(), n);
                    }
                }));
        return out;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
