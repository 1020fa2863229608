package dev.tierdeck.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTextTest {

    private static final String POLICY = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata:
              name: p
              namespace: a
            spec:
              selector: %s
            """;

    @Test
    void readsDocumentsAndWhereEachFieldOfTheFirstStarts() {
        YamlText.Read read = YamlText.read(POLICY.formatted("app == 'web'") + "---\nkind: Other\n");

        assertThat(read.ok()).isTrue();
        assertThat(read.documents()).hasSize(2);
        assertThat(read.lines()).containsEntry("metadata.name", 4).containsEntry("spec.selector", 7);
    }

    @Test
    void anAliasIsRefusedNamingItsLineInsteadOfBeingReadAsTheAnchorsName() {
        YamlText.Read read = YamlText.read("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  selector: *sel
                """);

        assertThat(read.problem()).isNotNull();
        assertThat(read.problem().message()).contains("aliases (*sel) are not accepted");
        assertThat(read.problem().line()).isEqualTo(5);
    }

    @Test
    void anAliasBombIsRefusedAtItsFirstAnchor() {
        StringBuilder bomb = new StringBuilder("apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\n");
        bomb.append("metadata: {name: p, namespace: a}\nspec:\n  l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("  l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j > 0 ? ", " : "").append("*l").append(i - 1);
            }
            bomb.append("]\n");
        }

        YamlText.Read read = YamlText.read(bomb.toString());

        assertThat(read.problem()).isNotNull();
        assertThat(read.problem().message()).contains("anchors (&l0) are not accepted");
        assertThat(read.problem().line()).isEqualTo(5);
        assertThat(ManifestReader.read("yaml", bomb.toString()).errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message())
                        .contains("malformed YAML at line 5")
                        .contains("anchors"));
    }

    @Test
    void duplicateKeysAreRefused() {
        YamlText.Read read = YamlText.read("a: 1\nb:\n  c: 2\n  c: 3\n");

        assertThat(read.problem()).isNotNull();
        assertThat(read.problem().message()).isEqualTo("the key 'c' appears twice in b");
        assertThat(read.problem().line()).isEqualTo(4);
    }

    @Test
    void deepNestingIsRefusedWithAClearMessage() {
        YamlText.Read read = YamlText.read("a: " + "[".repeat(10_000) + "]".repeat(10_000));

        assertThat(read.problem()).isNotNull();
        assertThat(read.problem().message()).contains("nests deeper than 64 levels");
    }

    @Test
    void anEmojiAcrossTheReadersBufferBoundaryIsReadLikeAnyOther() {
        for (int offset = 1000; offset < 1100; offset++) {
            String value = "x".repeat(offset) + "😀";
            String text = "v: '" + value + "'\n";

            YamlText.Read read = YamlText.read(text);

            assertThat(read.problem()).as("offset %d", offset).isNull();
            assertThat(read.documents()).containsExactly(Map.of("v", value));
        }
    }

    @Test
    void wholeCodePointsNeverEndsAChunkWithHalfASurrogatePair() throws IOException {
        String text = "ab😀c😀😀d";
        for (int size = 1; size < 6; size++) {
            YamlText.WholeCodePoints reader = new YamlText.WholeCodePoints(new StringReader(text));
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[size];
            int n;
            while ((n = reader.read(buffer, 0, size)) >= 0) {
                if (size > 1 && n > 0) {
                    assertThat(Character.isHighSurrogate(buffer[n - 1])).isFalse();
                }
                out.append(buffer, 0, n);
            }
            assertThat(out.toString()).isEqualTo(text);
        }
    }

    @Test
    void numbersCanBeReadAsTheTextTheyWereWrittenAs() {
        YamlText.Read read = YamlText.readNumbersAsText("a: 2\nb: 1e3\nc: .inf\nd: -1\ne: 0x1F\nf: '7'\ng: true\n");

        assertThat(read.problem()).isNull();
        assertThat(read.documents().getFirst())
                .isEqualTo(Map.of("a", "2", "b", "1e3", "c", ".inf", "d", "-1", "e", "0x1F", "f", "7", "g", true));
    }

    @Test
    void theReadersMessageLosesItsOwnPositionLines() {
        assertThat(YamlText.oneLine("while parsing a flow node\n in reader, line 4, column 1:\n    \n    ^\nexpected"
                        + " the node content, but found '<stream end>'\n in reader, line 4, column 1:\n    \n    ^\n"))
                .isEqualTo("while parsing a flow node expected the node content, but found '<stream end>'");
    }

    @Test
    void binaryValuesAreRefused() {
        assertThat(YamlText.read("v: !!binary aGVsbG8=\n").problem()).isNotNull();
    }

    @Test
    void malformedTextIsAProblemWithItsPosition() {
        YamlText.Read read = YamlText.read("a: [1, 2\nb: c\n");

        assertThat(read.problem()).isNotNull();
        assertThat(read.problem().line()).isPositive();
        assertThat(read.documents()).isEqualTo(List.of());
    }
}
