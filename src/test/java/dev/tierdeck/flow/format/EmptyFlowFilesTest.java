package dev.tierdeck.flow.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file with an empty list of flows is refused as unreadable at line 1, not a failure of the import. */
class EmptyFlowFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"items\": []}", "{\"items\": [], \"total\": 0}"})
    void anEmptyListOfFlowsIsAProblemOfTheFile(String content) {
        assertThatThrownBy(() -> FlowFiles.parse(content.getBytes(StandardCharsets.UTF_8), Instant.now()))
                .isInstanceOf(FlowImportException.class)
                .hasMessageContaining("holds no flows");
    }
}
