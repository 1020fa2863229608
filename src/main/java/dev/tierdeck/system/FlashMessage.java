package dev.tierdeck.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A one-time message shown at the top of the next page after a post/redirect/get, e.g.
 * {@code FlashMessage.success("Draft saved.").addTo(redirectAttributes)}. The layout renders it as text. It
 * travels in the session, which lives in PostgreSQL: hence serializable.
 */
public record FlashMessage(Kind kind, String text) implements Serializable {

    /** The model attribute the layout reads. */
    public static final String ATTRIBUTE = "flash";

    public enum Kind {
        SUCCESS,
        INFO,
        ERROR;

        public String cssClass() {
            return "flash-" + name().toLowerCase(Locale.ROOT);
        }
    }

    public static FlashMessage success(String text) {
        return new FlashMessage(Kind.SUCCESS, text);
    }

    public static FlashMessage info(String text) {
        return new FlashMessage(Kind.INFO, text);
    }

    public static FlashMessage error(String text) {
        return new FlashMessage(Kind.ERROR, text);
    }

    public void addTo(RedirectAttributes redirectAttributes) {
        redirectAttributes.addFlashAttribute(ATTRIBUTE, this);
    }

    /**
     * For an htmx request answered with {@code HX-Redirect} instead of a redirect view: Spring saves the flash map
     * only when a redirect view renders, so it is saved here for {@code location}, the page htmx loads next.
     */
    private void keepForRedirect(HttpServletRequest request, HttpServletResponse response, String location) {
        RequestContextUtils.getOutputFlashMap(request).put(ATTRIBUTE, this);
        RequestContextUtils.saveOutputFlashMap(location, request, response);
    }

    /**
     * Answers a form post that succeeded with this message on the page loaded next: a redirect view to
     * {@code location}, or for an htmx request ({@code htmx} is its {@code HX-Request} header) {@code HX-Redirect}
     * with 204, which htmx follows with a full page load.
     *
     * @return the view name, or {@code null} when the response is complete
     */
    public @Nullable String redirect(
            String location,
            @Nullable String htmx,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        if ("true".equals(htmx)) {
            keepForRedirect(request, response, location);
            response.setHeader("HX-Redirect", location);
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        addTo(redirect);
        return "redirect:" + location;
    }
}
