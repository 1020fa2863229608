package dev.tierdeck;

import dev.tierdeck.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.modulith.Modulithic;

/**
 * Entry point of the jar. With a CLI command as first argument ({@code evaluate}, {@code impact},
 * {@code selector}, {@code bench}) it runs the policy engine from the command line without starting
 * Spring or a database; otherwise it starts the portal.
 *
 * <p>The built-in demo identity provider ({@code dev.tierdeck.identity.demo}) is a separate application
 * context on its own port: it is kept out of the portal's component scan, and the authorization server
 * auto-configuration stays out of the portal (it would add a signing key and a JWT decoder the portal
 * must not have). {@code @SpringBootApplication} cannot express the scan exclusion, so its parts are spelled
 * out, and {@code @Modulithic} marks this class as the root of the module map.
 */
@SpringBootConfiguration
@Modulithic(systemName = "Tierdeck")
@EnableAutoConfiguration(
        exclude = {OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class
        })
@ComponentScan(
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.tierdeck\\.identity\\.demo\\..*")
        })
@ConfigurationPropertiesScan(basePackages = "dev.tierdeck")
public class Tierdeck {

    public static void main(String[] args) {
        if (Cli.handles(args)) {
            System.exit(Cli.run(args, System.in, System.out, System.err));
        }
        SpringApplication.run(Tierdeck.class, args);
    }
}
