package dev.tierdeck.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.EndpointSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A side is confined to namespaces only when its namespace selector requires the namespace's name. */
class AssertionScopesTest {

    private static EndpointSet side(String namespaceSelector) {
        return new EndpointSet(null, null, namespaceSelector, null, List.of(), List.of());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "projectcalico.org/name == 'payments' ; payments",
                "kubernetes.io/metadata.name == 'payments' ; payments",
                "projectcalico.org/name in {'checkout', 'payments'} ; checkout payments",
                "pci == 'true' && projectcalico.org/name == 'payments' ; payments",
                "projectcalico.org/name in {'a', 'b'} && projectcalico.org/name == 'b' ; b",
                "projectcalico.org/name == 'payments' || pci == 'true' ; ANY",
                "pci == 'true' ; ANY",
                "projectcalico.org/name != 'payments' ; ANY",
                "!(projectcalico.org/name == 'payments') ; ANY",
                "projectcalico.org/name starts with 'pay' ; ANY",
                "all() ; ANY",
                "projectcalico.org/name == ( ; ANY"
            })
    void confinesOnlyWhatTheNameRequires(String selector, String expected) {
        Set<String> confined = AssertionScopes.confinedTo(side(selector.strip()));

        if (expected.strip().equals("ANY")) {
            assertThat(confined).isNull();
        } else {
            assertThat(confined).containsExactlyInAnyOrder(expected.strip().split(" "));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "projectcalico.org/name == 'payments' | payments | true",
                "projectcalico.org/name == 'catalog'  | payments | false",
                "projectcalico.org/name in {'payments', 'catalog'} | payments | false",
                "projectcalico.org/name in {'payments', 'checkout'} | payments | true",
                "pci == 'true' | payments | false"
            })
    void aTeamStatesForItsNamespacesOnly(String selector, String namespace, boolean within) {
        var assertion = new dev.tierdeck.engine.assertion.Assertion(
                "a",
                side(selector.strip()),
                EndpointSet.ANYTHING,
                List.of(),
                List.of(),
                dev.tierdeck.engine.eval.Verdict.Deny);

        assertThat(AssertionScopes.within(assertion, namespace.strip(), Set.of("payments", "checkout")::contains))
                .isEqualTo(within);
    }
}
