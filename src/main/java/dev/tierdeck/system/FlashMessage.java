package dev.tierdeck.system;

import java.io.Serializable;
import java.util.Locale;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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
}
