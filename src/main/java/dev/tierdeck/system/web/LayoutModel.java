package dev.tierdeck.system.web;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.CurrentUsers;
import dev.tierdeck.system.Navigation;
import dev.tierdeck.system.NavigationLink;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What {@code layout.html} needs on every page: the signed-in user (null on the sign-in and error pages of
 * anonymous visitors), their navigation and the current path.
 */
@ControllerAdvice
class LayoutModel {

    private final CurrentUsers currentUsers;
    private final Navigation navigation;

    LayoutModel(CurrentUsers currentUsers, Navigation navigation) {
        this.currentUsers = currentUsers;
        this.navigation = navigation;
    }

    @ModelAttribute("currentUser")
    @Nullable
    CurrentUser currentUser() {
        return currentUsers.current().orElse(null);
    }

    @ModelAttribute("navigation")
    Map<NavigationLink.Section, List<NavigationLink>> navigation() {
        return currentUsers.current().map(navigation::visibleTo).orElse(Map.of());
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
