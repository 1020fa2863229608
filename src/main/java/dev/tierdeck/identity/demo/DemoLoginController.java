package dev.tierdeck.identity.demo;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The demo provider's sign-in page: says what it is and lists the demo users. */
@Controller
class DemoLoginController {

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("users", DemoUser.ALL);
        model.addAttribute("password", DemoUser.PASSWORD);
        return "demo-idp/login";
    }
}
