package dev.tierdeck.system.web;

import dev.tierdeck.identity.CurrentUsers;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's own sign-in page: where sign-out, an ended session and a failed sign-in land. Pages that need a
 * user go straight to the identity provider instead.
 */
@Controller
class SignInController {

    private final CurrentUsers currentUsers;

    SignInController(CurrentUsers currentUsers) {
        this.currentUsers = currentUsers;
    }

    @GetMapping("/login")
    String signIn() {
        return currentUsers.current().isPresent() ? "redirect:/" : "login";
    }
}
