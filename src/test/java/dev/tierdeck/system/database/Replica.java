package dev.tierdeck.system.database;

import dev.tierdeck.system.leader.LeaderLock;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One replica of the portal as far as the database is concerned: a web application with the database
 * configuration, Spring Session and the actuator, on a random port, plus a probe that writes and reads a
 * session attribute. Sign-in is not part of it: the probe is open to everyone.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({
    EmbeddedDatabaseConfiguration.class,
    DatabaseConfiguration.class,
    ExpiredSessionCleanup.class,
    LeaderLock.class,
    Replica.SessionProbe.class
})
class Replica {

    private static final HttpClient http = HttpClient.newHttpClient();

    static ConfigurableApplicationContext start(String... arguments) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.servlet.session.cookie.name=TIERDECK_SESSION",
                "--management.endpoints.web.exposure.include=health",
                "--management.endpoint.health.probes.enabled=true",
                "--management.endpoint.health.group.readiness.include=readinessState,database",
                "--management.endpoint.health.show-components=always",
                "--management.endpoint.health.show-details=always"));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(Replica.class).run(args.toArray(String[]::new));
    }

    static HttpResponse<String> get(ConfigurableApplicationContext replica, String path, String... cookie) {
        return send(replica, path, "GET", cookie);
    }

    static HttpResponse<String> post(ConfigurableApplicationContext replica, String path, String... cookie) {
        return send(replica, path, "POST", cookie);
    }

    private static HttpResponse<String> send(
            ConfigurableApplicationContext replica, String path, String method, String... cookie) {
        String port = replica.getEnvironment().getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie.length > 0) {
            request.header("Cookie", cookie[0]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code name=value} pair of the session cookie a response sets, if it sets one. */
    static Optional<String> sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("TIERDECK_SESSION="))
                .map(value -> value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';')))
                .findFirst();
    }

    @Bean
    SecurityFilterChain openProbe(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/probe/**"))
                .build();
    }

    @RestController
    static class SessionProbe {

        @PostMapping("/probe/session")
        String remember(@RequestParam String team, HttpSession session) {
            session.setAttribute("team", team);
            return session.getId();
        }

        @GetMapping("/probe/session")
        String recall(HttpSession session) {
            Object team = session.getAttribute("team");
            return team == null ? "nothing remembered" : team.toString();
        }

        @PostMapping("/probe/session/end")
        String end(HttpSession session) {
            session.invalidate();
            return "ended";
        }
    }
}
