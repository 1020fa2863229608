package dev.tierdeck.notification;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.system.FlashMessage;
import dev.tierdeck.system.NavigationLink;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The webhooks screen: the configured webhooks, a form to add one, and the recent deliveries with their outcome. */
@Controller
class WebhookPages {

    static final String PAGE = "/admin/webhooks";

    private final Webhooks webhooks;

    WebhookPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Bean
    static NavigationLink webhooksLink() {
        return new NavigationLink(
                NavigationLink.Section.ADMINISTRATION,
                "Webhooks",
                PAGE,
                Set.of(Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN),
                70);
    }

    /** The add form as the browser posts it: event types as repeated check boxes. */
    record WebhookForm(
            @Nullable String name,
            @Nullable String url,
            @Nullable String format,
            @Nullable List<String> eventTypes,
            @Nullable String secret) {

        WebhookInput input() {
            return new WebhookInput(name, url, format == null ? "json" : format, eventTypes, secret, true);
        }
    }

    @GetMapping(PAGE)
    String page(CurrentUser user, Model model) {
        fill(user, model, new WebhookForm("", "", "json", List.of(), ""), Map.of());
        return "notification/webhooks";
    }

    @PostMapping(PAGE)
    String create(
            CurrentUser user,
            WebhookForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            Webhook created = webhooks.create(user, form.input());
            FlashMessage.success("Webhook " + created.name() + " is saved; it receives "
                            + String.join(", ", created.eventTypes()) + ".")
                    .addTo(redirect);
            return "redirect:" + PAGE;
        } catch (WebhookProblem e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (WebhookProblem.Field f : e.fields()) {
                errors.merge(f.field().replaceAll("\\[.*$", ""), f.message(), (a, b) -> a + " " + b);
            }
            if (errors.isEmpty()) {
                errors.put("form", e.getMessage());
            }
            // the secret is never written back into the page
            fill(user, model, new WebhookForm(form.name(), form.url(), form.format(), form.eventTypes(), ""), errors);
            response.setStatus(
                    e.status() == HttpStatus.CONFLICT
                            ? HttpStatus.CONFLICT.value()
                            : HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "notification/webhooks";
        }
    }

    @PostMapping(PAGE + "/{id}/delete")
    String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        Webhook hook = webhooks.get(user, id);
        webhooks.delete(user, id);
        FlashMessage.success("Webhook " + hook.name() + " is deleted, with its deliveries.")
                .addTo(redirect);
        return "redirect:" + PAGE;
    }

    @GetMapping(PAGE + "/{id}")
    String deliveries(CurrentUser user, @PathVariable long id, Model model) {
        fill(user, model, new WebhookForm("", "", "json", List.of(), ""), Map.of());
        model.addAttribute("selected", webhooks.get(user, id));
        model.addAttribute("deliveries", webhooks.deliveries(user, id));
        return "notification/webhooks";
    }

    private void fill(CurrentUser user, Model model, WebhookForm form, Map<String, String> errors) {
        model.addAttribute("webhooks", webhooks.list(user));
        model.addAttribute("deliveries", webhooks.deliveries(user, null));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("eventTypes", List.of(EventType.values()));
        model.addAttribute("selected", null);
    }
}
