package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The whole policy stack, top to bottom, with what each policy selects; for platform and security admins. */
@Controller
@RequestMapping("/admin/stack")
class StackPages {

    private final PolicyStack stack;
    private final Permissions permissions;

    StackPages(PolicyStack stack, Permissions permissions) {
        this.stack = stack;
        this.permissions = permissions;
    }

    @GetMapping
    String show(
            CurrentUser user,
            @RequestParam(required = false) @Nullable String tier,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        PolicyStack.View view = stack.view(new PolicyPages.Request(tier, page));
        model.addAttribute("tiers", view.tiers());
        model.addAttribute("stale", view.stale());
        return "tier/stack";
    }

    @HxRequest
    @GetMapping
    String showContent(
            CurrentUser user,
            @RequestParam(required = false) @Nullable String tier,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        show(user, tier, page, model);
        return "tier/stack :: content";
    }
}
