package dev.tierdeck.identity.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running demo identity provider. Start it before anything performs OIDC discovery against it, tell it where
 * the portal listens ({@link #acceptPortalAt}) so that it accepts the portal's redirect URIs, and close it with
 * the portal.
 */
public final class DemoIdentityProvider implements AutoCloseable {

    /** The portal's client id and secret at the demo provider. */
    public static final String CLIENT_ID = "tierdeck";

    public static final String CLIENT_SECRET = "tierdeck-demo-secret";

    private final ConfigurableApplicationContext context;
    private final PortalClient portalClient;
    private final int port;

    private DemoIdentityProvider(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.portalClient = context.getBean(PortalClient.class);
        this.port = port;
    }

    /**
     * Starts the provider on {@code port} (0: a free port) and returns once it serves requests.
     *
     * @param portalPort the portal's port if already known (0 otherwise), so its redirect URIs are accepted
     */
    public static DemoIdentityProvider start(int port, int portalPort) {
        int actualPort = port == 0 ? freePort() : port;
        String issuer = "http://localhost:" + actualPort;
        SpringApplication application = new SpringApplication(DemoIdentityProviderApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setRegisterShutdownHook(false);
        application.setLogStartupInfo(false);
        // The portal owns the logging system; a second initialisation would reset its configuration.
        List<ApplicationListener<?>> listeners = application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener))
                .toList();
        application.setListeners(listeners);
        // Command-line arguments outrank environment variables such as SERVER_PORT meant for the portal.
        ConfigurableApplicationContext context = application.run(
                "--spring.config.name=demo-idp", "--server.port=" + actualPort, "--tierdeck.demo-idp.issuer=" + issuer);
        DemoIdentityProvider provider = new DemoIdentityProvider(context, actualPort);
        if (portalPort > 0) {
            provider.acceptPortalAt(portalPort);
        }
        return provider;
    }

    /** Accepts {@code http://localhost:<port>} and {@code http://127.0.0.1:<port>} as the portal's origin. */
    public void acceptPortalAt(int portalPort) {
        portalClient.acceptOrigin("http://localhost:" + portalPort);
        portalClient.acceptOrigin("http://127.0.0.1:" + portalPort);
    }

    public String issuer() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the demo identity provider", e);
        }
    }
}
