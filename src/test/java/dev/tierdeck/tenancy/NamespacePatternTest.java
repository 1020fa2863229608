package dev.tierdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespacePatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "payments, payments, true",
        "payments, payments-eu, false",
        "payments-*, payments-eu, true",
        "payments-*, payments-eu-west, true",
        "payments-*, payments, false",
        "payments-*, payments-, true",
        "*-payments, eu-payments, true",
        "*-payments, payments, false",
        "team-*-prod, team-a-prod, true",
        "team-*-prod, team-a-b-prod, true",
        "team-*-prod, team-a-staging, false",
        "a*b*c, abc, true",
        "a*b*c, axxbyyc, true",
        "a*b*c, axxbyy, false",
        "cat*, catalog, true"
    })
    void globsMatchWholeNamespaceNames(String pattern, String namespace, boolean matches) {
        assertThat(NamespacePattern.matches(pattern, namespace)).isEqualTo(matches);
    }

    @Test
    void acceptsNamesAndGlobs() {
        assertThat(NamespacePattern.problem("payments")).isNull();
        assertThat(NamespacePattern.problem("payments-*")).isNull();
        assertThat(NamespacePattern.problem("*-prod")).isNull();
    }

    @Test
    void namesTheUnknownCharacterAndItsPosition() {
        assertThat(NamespacePattern.problem("Payments"))
                .isEqualTo("'Payments' has the character 'P' at position 1: use lower-case letters, digits, '-' and"
                        + " '*' only.");
        assertThat(NamespacePattern.problem("pay ments")).contains("U+0020", "position 4");
        assertThat(NamespacePattern.problem("payments.eu")).contains("'.'", "position 9");
        assertThat(NamespacePattern.problem("pay?")).contains("'?'");
    }

    @Test
    void refusesGlobsThatMatchEverythingOrNothing() {
        assertThat(NamespacePattern.problem("*")).contains("every namespace");
        assertThat(NamespacePattern.problem("**")).contains("every namespace");
        assertThat(NamespacePattern.problem("pay**")).contains("'**'");
        assertThat(NamespacePattern.problem("-payments*")).contains("can never match");
        assertThat(NamespacePattern.problem("payments-")).contains("not a namespace name");
        assertThat(NamespacePattern.problem("a".repeat(64))).contains("longer than 63");
        assertThat(NamespacePattern.problem("")).contains("Empty pattern");
    }
}
