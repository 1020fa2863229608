package dev.tierdeck.flow.goldmane;

import dev.tierdeck.flow.FlowLeadership;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowSourceCursors;
import dev.tierdeck.flow.FlowStore;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Goldmane client, when {@code tierdeck.flow.goldmane.address} is set. With a CA file the channel uses
 * TLS, and with a client certificate and key mutual TLS, as Goldmane requires in Calico
 * (calico-semantics §4.4); without one it is plaintext (a local port-forward to a test instance).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${tierdeck.flow.goldmane.address:}'.isBlank()")
class GoldmaneConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ManagedChannel goldmaneChannel(FlowProperties properties) {
        FlowProperties.Goldmane g = properties.goldmane();
        var builder = Grpc.newChannelBuilder(g.address(), credentials(g));
        if (g.authority() != null && !g.authority().isBlank()) {
            builder.overrideAuthority(g.authority());
        }
        return builder.build();
    }

    @Bean
    GoldmaneClient goldmaneClient(
            ManagedChannel goldmaneChannel,
            FlowProperties properties,
            FlowStore store,
            FlowSourceCursors cursors,
            FlowLeadership leadership,
            ObjectProvider<Clock> clock) {
        return new GoldmaneClient(
                goldmaneChannel,
                properties.goldmane().address(),
                store,
                cursors,
                leadership,
                properties.goldmane(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    static ChannelCredentials credentials(FlowProperties.Goldmane g) {
        if (g.caFile() == null) {
            if (g.certFile() != null || g.keyFile() != null) {
                throw new IllegalStateException(
                        "tierdeck.flow.goldmane.cert-file and key-file need tierdeck.flow.goldmane.ca-file as well");
            }
            return InsecureChannelCredentials.create();
        }
        try {
            var tls = TlsChannelCredentials.newBuilder()
                    .trustManager(readable(g.caFile(), "ca-file").toFile());
            if (g.certFile() != null || g.keyFile() != null) {
                if (g.certFile() == null || g.keyFile() == null) {
                    throw new IllegalStateException(
                            "mutual TLS needs both tierdeck.flow.goldmane.cert-file and key-file");
                }
                tls.keyManager(
                        readable(g.certFile(), "cert-file").toFile(),
                        readable(g.keyFile(), "key-file").toFile());
            }
            return tls.build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Goldmane TLS files: " + e.getMessage(), e);
        }
    }

    private static Path readable(Path p, String property) {
        if (!Files.isReadable(p)) {
            throw new IllegalStateException(
                    "tierdeck.flow.goldmane." + property + ": cannot read " + p.toAbsolutePath());
        }
        return p;
    }
}
