package dev.tierdeck.cluster.web;

import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.FlashMessage;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The drift screen for admins: what changed outside Tierdeck, with the diff and a restore button. The button is a
 * plain form (post/redirect/get with a flash message); with htmx the list is swapped in place.
 */
@Controller
@RequestMapping("/admin/drift")
class DriftPages {

    static final String LIST = "/admin/drift";

    private final ClusterDrift drift;
    private final DriftRestore restore;
    private final Permissions permissions;

    DriftPages(ClusterDrift drift, DriftRestore restore, Permissions permissions) {
        this.drift = drift;
        this.restore = restore;
        this.permissions = permissions;
    }

    @GetMapping
    String list(CurrentUser user, Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        model.addAttribute("drifts", DriftView.of(drift.drift()));
        return "cluster/drift";
    }

    @HxRequest
    @GetMapping
    String listContent(CurrentUser user, Model model) {
        list(user, model);
        return "cluster/drift :: content";
    }

    @PostMapping("/{id}/restore")
    String restore(CurrentUser user, @PathVariable String id, RedirectAttributes redirect) {
        // someone outside the console is refused like on every other page; an admin who does not own the tier is
        // told on the list
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        FlashMessage message;
        try {
            message = FlashMessage.success(restored(restore.restore(user, id)));
        } catch (ClusterException e) {
            message = FlashMessage.error(DriftProblems.message(e));
        } catch (AccessDeniedException e) {
            message = FlashMessage.error(String.valueOf(e.getMessage()));
        }
        message.addTo(redirect);
        return "redirect:" + LIST;
    }

    /**
     * htmx: the list again with the outcome above it. A refusal answers with its status and the message alone, which
     * the layout's htmx configuration puts into the problem area.
     */
    @HxRequest
    @PostMapping("/{id}/restore")
    String restoreContent(CurrentUser user, @PathVariable String id, Model model, HttpServletResponse response) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        try {
            WriteOutcome outcome = restore.restore(user, id);
            // not "flash": the layout is not rendered around a fragment
            model.addAttribute("restored", restored(outcome));
            return listContent(user, model);
        } catch (ClusterException e) {
            response.setStatus(DriftProblems.status(e).value());
            model.addAttribute("problem", DriftProblems.message(e));
            return "cluster/drift :: problem";
        } catch (AccessDeniedException e) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("problem", e.getMessage());
            return "cluster/drift :: problem";
        }
    }

    private static String restored(WriteOutcome outcome) {
        return switch (outcome.change()) {
            case CREATED -> outcome.ref() + " was re-created as Tierdeck expects it.";
            case REPLACED -> outcome.ref() + " was restored to what Tierdeck expects.";
            case DELETED -> outcome.ref() + " was removed from the locked tier.";
            case UNCHANGED -> outcome.ref() + " already matched what Tierdeck expects; nothing was changed.";
            case PENDING ->
                "The restore of " + outcome.ref() + " was sent but its outcome is not known yet; Tierdeck checks"
                        + " it in the background.";
        };
    }
}
