package dev.tierdeck.flow.goldmane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.flow.FlowProperties;
import io.grpc.InsecureChannelCredentials;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoldmaneConfigurationTest {

    static FlowProperties.Goldmane goldmane(Path ca, Path cert, Path key) {
        return new FlowProperties.Goldmane(
                "goldmane.calico-system.svc:7443",
                ca,
                cert,
                key,
                null,
                1000,
                Duration.ofSeconds(1),
                Duration.ofMinutes(2));
    }

    @Test
    void withoutACaTheChannelIsPlaintext() {
        assertThat(GoldmaneConfiguration.credentials(goldmane(null, null, null)))
                .isInstanceOf(InsecureChannelCredentials.class);
    }

    @Test
    void aClientCertificateNeedsACa() {
        assertThatThrownBy(
                        () -> GoldmaneConfiguration.credentials(goldmane(null, Path.of("tls.crt"), Path.of("tls.key"))))
                .hasMessage(
                        "tierdeck.flow.goldmane.cert-file and key-file need tierdeck.flow.goldmane.ca-file as well");
    }

    @Test
    void namesTheFileThatCannotBeRead() {
        assertThatThrownBy(
                        () -> GoldmaneConfiguration.credentials(goldmane(Path.of("/nonexistent/ca.crt"), null, null)))
                .hasMessage("tierdeck.flow.goldmane.ca-file: cannot read /nonexistent/ca.crt");
    }
}
