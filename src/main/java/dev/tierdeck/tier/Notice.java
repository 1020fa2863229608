package dev.tierdeck.tier;

import dev.tierdeck.system.FlashMessage;
import java.io.Serializable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The message shown after a redirect, in the shape the layout reads ({@code kind().cssClass()}, {@code text()}).
 * Flash attributes live in the HTTP session, which is stored in PostgreSQL, so they must be serializable; this one
 * is, whatever {@link FlashMessage} is.
 */
record Notice(FlashMessage.Kind kind, String text) implements Serializable {

    static void success(String text, RedirectAttributes redirect) {
        redirect.addFlashAttribute(FlashMessage.ATTRIBUTE, new Notice(FlashMessage.Kind.SUCCESS, text));
    }

    static void error(String text, RedirectAttributes redirect) {
        redirect.addFlashAttribute(FlashMessage.ATTRIBUTE, new Notice(FlashMessage.Kind.ERROR, text));
    }
}
