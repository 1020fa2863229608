package dev.tierdeck.system.web;

import static dev.tierdeck.system.TestUsers.alice;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class SignInControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void offersToSignInWithoutNavigation() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("href=\"/oauth2/authorization/tierdeck\""),
                                not(containsString("aria-label=\"Main\"")),
                                not(containsString("Sign out")))));
    }

    @Test
    void confirmsSigningOut() throws Exception {
        mvc.perform(get("/login").param("logout", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("You are signed out.")));
    }

    @Test
    void explainsAnEndedSessionAndAFailedSignIn() throws Exception {
        mvc.perform(get("/login").param("expired", ""))
                .andExpect(content().string(containsString("Your session has ended.")));
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(containsString("Signing in did not work.")));
    }

    @Test
    void signedInUsersGoHome() throws Exception {
        mvc.perform(get("/login").with(alice())).andExpect(redirectedUrl("/"));
    }
}
