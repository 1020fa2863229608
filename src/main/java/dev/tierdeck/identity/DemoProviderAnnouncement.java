package dev.tierdeck.identity;

import dev.tierdeck.identity.demo.DemoIdentityProvider;
import dev.tierdeck.identity.demo.DemoUser;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the portal listens, lets the demo provider accept its redirect URIs and prints how to sign in. Does
 * nothing with an external issuer.
 */
@Component
class DemoProviderAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(DemoProviderAnnouncement.class);

    private final ObjectProvider<DemoIdentityProvider> demo;
    private final GroupRoles groupRoles;
    private volatile int portalPort;

    DemoProviderAnnouncement(ObjectProvider<DemoIdentityProvider> demo, GroupRoles groupRoles) {
        this.demo = demo;
        this.groupRoles = groupRoles;
    }

    @EventListener
    void portalListening(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        portalPort = event.getWebServer().getPort();
        demo.ifAvailable(provider -> provider.acceptPortalAt(portalPort));
    }

    @EventListener
    void portalReady(ApplicationReadyEvent event) {
        demo.ifAvailable(provider -> log.info(announcement(provider)));
    }

    private String announcement(DemoIdentityProvider provider) {
        String users = DemoUser.ALL.stream()
                .map(user -> String.format(
                        "    %-9s %-16s roles: %-15s groups: %s",
                        user.username(),
                        user.displayName(),
                        groupRoles.rolesOf(user.groups()).stream().map(Role::id).collect(Collectors.joining(", ")),
                        String.join(", ", user.groups())))
                .collect(Collectors.joining("\n"));
        return "\n\n  Tierdeck is running on the built-in demo identity provider (for trying it out only).\n"
                + "    Portal:  http://localhost:" + portalPort + "/\n"
                + "    Issuer:  " + provider.issuer() + "\n"
                + "  Demo users (password \"" + DemoUser.PASSWORD + "\"):\n"
                + users + "\n"
                + "  Set TIERDECK_IDENTITY_ISSUER_URI, _CLIENT_ID and _CLIENT_SECRET to use your own OIDC provider.\n";
    }
}
