package dev.tierdeck;

import dev.tierdeck.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the jar. With a CLI command as first argument ({@code evaluate}, {@code impact},
 * {@code selector}, {@code bench}) it runs the policy engine from the command line without starting
 * Spring or a database; otherwise it starts the portal.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Tierdeck {

    public static void main(String[] args) {
        if (Cli.handles(args)) {
            System.exit(Cli.run(args, System.in, System.out, System.err));
        }
        SpringApplication.run(Tierdeck.class, args);
    }
}
