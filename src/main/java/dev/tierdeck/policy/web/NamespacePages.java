package dev.tierdeck.policy.web;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.editor.PolicyTemplates;
import dev.tierdeck.policy.namespace.NamespaceOverview;
import dev.tierdeck.policy.namespace.NamespaceOverviews;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * "My namespaces" and one namespace's overview: workloads, the policy stack that applies to them, the managed
 * policies, coverage and recently denied traffic. Read-only pages; the links lead to the editor and the policy page.
 * With htmx the refresh link swaps only the content.
 */
@Controller
class NamespacePages {

    private final NamespaceOverviews namespaces;

    NamespacePages(NamespaceOverviews namespaces) {
        this.namespaces = namespaces;
    }

    @GetMapping("/namespaces")
    String list(CurrentUser user, Model model) {
        model.addAttribute("namespaces", namespaces.summaries(user));
        return "policy/namespaces";
    }

    @HxRequest
    @GetMapping("/namespaces")
    String listContent(CurrentUser user, Model model) {
        list(user, model);
        return "policy/namespaces :: content";
    }

    @GetMapping("/namespaces/{namespace}")
    String overview(CurrentUser user, @PathVariable String namespace, Model model) {
        NamespaceOverview overview = namespaces.overview(user, namespace);
        model.addAttribute("overview", overview);
        model.addAttribute("templates", PolicyTemplates.ALL);
        model.addAttribute("times", Times.UTC);
        return "policy/namespace";
    }

    @HxRequest
    @GetMapping("/namespaces/{namespace}")
    String overviewContent(CurrentUser user, @PathVariable String namespace, Model model) {
        overview(user, namespace, model);
        return "policy/namespace :: content";
    }
}
