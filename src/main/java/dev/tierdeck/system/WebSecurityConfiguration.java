package dev.tierdeck.system;

import dev.tierdeck.identity.CurrentUsers;
import dev.tierdeck.identity.PublicUrl;
import dev.tierdeck.identity.Role;
import dev.tierdeck.identity.TrustedIssuer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Two chains: {@code /api/**} (bearer access tokens of the trusted issuer or the browser
 * session, refusals as problem documents, never a redirect) and everything else (OIDC sign-in, pages). Both
 * map roles the same way and send the same security headers. Screens and endpoints that need a role say so
 * with {@code @PreAuthorize("hasRole('PLATFORM_ADMIN')")}; a refusal becomes the 403 page or problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class WebSecurityConfiguration {

    static final String SIGN_IN = "/oauth2/authorization/tierdeck";
    private static final String[] ADMINS = {Role.PLATFORM_ADMIN.name(), Role.SECURITY_ADMIN.name()};

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http, JwtAuthenticationConverter jwtRoles, TrustedIssuer issuer, CurrentUsers currentUsers)
            throws Exception {
        HtmxAwareEntryPoint unauthenticated = new HtmxAwareEntryPoint();
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtRoles))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(new HtmxAwareAccessDeniedHandler(true)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(new HtmxAwareAccessDeniedHandler(true)))
                .requestCache(cache -> cache.disable())
                .headers(headers -> SecurityHeaders.apply(headers, issuer))
                .addFilterAfter(new CorrelationIdFilter.RecordUser(currentUsers), ExceptionTranslationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(
            HttpSecurity http,
            ClientRegistrationRepository clientRegistrations,
            GrantedAuthoritiesMapper oidcRoles,
            TrustedIssuer issuer,
            CurrentUsers currentUsers,
            PublicUrl publicUrl)
            throws Exception {
        // Absolute URLs for the identity provider come from the public URL, never from the Host header.
        LogoutSuccessHandler endIdpSession = (request, response, authentication) -> {
            OidcClientInitiatedLogoutSuccessHandler handler =
                    new OidcClientInitiatedLogoutSuccessHandler(clientRegistrations);
            handler.setPostLogoutRedirectUri(publicUrl.of(request) + "/login?logout");
            handler.onLogoutSuccess(request, response, authentication);
        };
        OAuth2AuthorizationRequestResolver signIn = signInAt(clientRegistrations, publicUrl);

        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setRequestMatcher(pageNavigation());

        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                PathRequest.toStaticResources().atCommonLocations())
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/login")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasAnyRole(ADMINS)
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login -> login.loginPage("/login")
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(signIn))
                        .failureUrl("/login?error")
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(oidcRoles)))
                .logout(logout -> logout.logoutSuccessHandler(endIdpSession).deleteCookies("TIERDECK_SESSION"))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .csrf(Customizer.withDefaults())
                .requestCache(cache -> cache.requestCache(requestCache))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new HtmxAwareEntryPoint(), Htmx.REQUEST)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint(SIGN_IN), browserPage())
                        .defaultAuthenticationEntryPointFor(new HtmxAwareEntryPoint(), request -> true)
                        .accessDeniedHandler(new HtmxAwareAccessDeniedHandler(false)))
                .headers(headers -> SecurityHeaders.apply(headers, issuer))
                .addFilterAfter(new CorrelationIdFilter.RecordUser(currentUsers), ExceptionTranslationFilter.class);
        return http.build();
    }

    /** The sign-in request with its redirect URI on the public URL, whatever {@code Host} the request named. */
    private static OAuth2AuthorizationRequestResolver signInAt(
            ClientRegistrationRepository clientRegistrations, PublicUrl publicUrl) {
        DefaultOAuth2AuthorizationRequestResolver defaults = new DefaultOAuth2AuthorizationRequestResolver(
                clientRegistrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return atPublicUrl(request, defaults.resolve(request));
            }

            @Override
            public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return atPublicUrl(request, defaults.resolve(request, registrationId));
            }

            private @Nullable OAuth2AuthorizationRequest atPublicUrl(
                    HttpServletRequest request, @Nullable OAuth2AuthorizationRequest resolved) {
                if (resolved == null) {
                    return null;
                }
                String registration = String.valueOf(
                        resolved.getAttributes().getOrDefault(OAuth2ParameterNames.REGISTRATION_ID, "tierdeck"));
                return OAuth2AuthorizationRequest.from(resolved)
                        .redirectUri(publicUrl.of(request) + "/login/oauth2/code/" + registration)
                        .build();
            }
        };
    }

    /** A browser asking for a page: sent to the identity provider, and back here afterwards. */
    private static RequestMatcher browserPage() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return request -> !Htmx.isHtmx(request) && html.matches(request);
    }

    private static RequestMatcher pageNavigation() {
        RequestMatcher page = browserPage();
        return request -> HttpMethod.GET.matches(request.getMethod()) && page.matches(request);
    }
}
