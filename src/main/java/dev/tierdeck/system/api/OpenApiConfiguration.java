package dev.tierdeck.system.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at {@code /v3/api-docs}: both ways to authenticate, with their rules. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI tierdeckApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Tierdeck API")
                        .version("v1")
                        .description("Automation access to Tierdeck. Authenticate with an OIDC access token of the"
                                + " portal's issuer (Authorization: Bearer), or from the browser with the portal"
                                + " session cookie; session requests that change something must also send the"
                                + " X-CSRF-TOKEN header. Errors are RFC 9457 problem documents carrying a"
                                + " correlationId.")
                        .license(new License().name("Apache License, Version 2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from the portal's OIDC issuer."))
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("TIERDECK_SESSION")
                                        .description("The browser session after signing in to the portal; writes"
                                                + " also need the X-CSRF-TOKEN header.")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}
