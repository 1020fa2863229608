package dev.tierdeck.flow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.flow.FlowProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

class FlowUploadLimitTest {

    final FlowUploadLimit limit = new FlowUploadLimit(new StaticListableBeanFactory(Map.of(
                    "flowProperties",
                    new FlowProperties(
                            Duration.ofDays(14),
                            Duration.ofMinutes(1),
                            2,
                            DataSize.ofMegabytes(64),
                            new FlowProperties.Goldmane(
                                    null, null, null, null, null, 1000, Duration.ofSeconds(1), Duration.ofMinutes(2)),
                            new FlowProperties.DemoFeed(
                                    false, Duration.ofSeconds(15), Duration.ofDays(3), 600, 1_000_000))))
            .getBeanProvider(FlowProperties.class));

    static MockHttpServletRequest request(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setAttribute(DispatcherServlet.FLASH_MAP_MANAGER_ATTRIBUTE, new SessionFlashMapManager());
        request.setAttribute(DispatcherServlet.OUTPUT_FLASH_MAP_ATTRIBUTE, new FlashMap());
        return request;
    }

    @Test
    void anOversizedUploadFromTheFormRedirectsBackWithAMessage() {
        MockHttpServletRequest request = request("/admin/flow-source/import");
        ResponseEntity<?> answer =
                limit.tooLarge(new MaxUploadSizeExceededException(64L << 20), request, new MockHttpServletResponse());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(answer.getHeaders().getLocation()).hasToString("/admin/flow-source");
        FlashMap flash = (FlashMap) request.getAttribute(DispatcherServlet.OUTPUT_FLASH_MAP_ATTRIBUTE);
        assertThat(flash.get("uploadError"))
                .isEqualTo("The file is larger than the import limit of 64 MB (tierdeck.flow.import-max-size); "
                        + "nothing was imported.");
    }

    @Test
    void anOversizedUploadElsewhereIsA413Problem() {
        ResponseEntity<?> answer = limit.tooLarge(
                new MaxUploadSizeExceededException(64L << 20),
                request("/api/v1/flows/import"),
                new MockHttpServletResponse());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(((ProblemDetail) answer.getBody()).getDetail())
                .isEqualTo("the upload is larger than 67108864 bytes (tierdeck.flow.import-max-size)");
    }
}
