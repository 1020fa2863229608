package dev.tierdeck.cluster.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    private static final Map<String, String> POSTGRES = Map.of("app", "postgres", "role", "replica");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "app in (postgres, redis)|true",
                "app notin (postgres)|false",
                "app in (postgres), role notin (primary)|true",
                "role|true",
                "!role|false",
                "!tier|true",
                "app=postgres|true",
                "app==postgres|true",
                "app!=postgres|false",
                "tier notin (web)|true",
                "tier in (web)|false"
            })
    void matchesLikeTheApiServer(String selector, boolean matches) {
        assertThat(LabelSelector.parse(selector).matches(POSTGRES)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"'app in (a,b)',true", "'app notin (a)',true", "'app=a,b!=c',false", "'!app',false"})
    void recognisesSetBasedSelectors(String selector, boolean setBased) {
        assertThat(LabelSelector.isSetBased(selector)).isEqualTo(setBased);
    }

    @org.junit.jupiter.api.Test
    void rejectsWhatItCannotParse() {
        assertThatThrownBy(() -> LabelSelector.parse("app in postgres"))
                .hasMessageContaining("unable to parse requirement 'app in postgres'");
    }
}
