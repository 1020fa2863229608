package dev.tierdeck.cluster.web;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A plain filter chain (sign-in required) standing in for the portal's, so that the controllers' method security is
 * answered with 401/403 as in the application.
 */
@TestConfiguration
@EnableWebSecurity
class TestWebSecurity {

    @Bean
    SecurityFilterChain testFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(withDefaults())
                .build();
    }
}
