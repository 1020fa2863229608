package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierValidationTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "security|",
                "a|",
                "tier-2|",
                "''|Enter a name.",
                "Security|Use lower-case letters",
                "my.tier|Use lower-case letters",
                "-tier|Use lower-case letters",
                "tier-|Use lower-case letters",
                "tier_2|Use lower-case letters",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|at most 63 characters"
            })
    void tierNamesAreDnsLabelsWithoutDots(String name, String problem) {
        assertThat(messages(input(name, "100", "Deny"), "name")).satisfies(found -> {
            if (problem == null) {
                assertThat(found).isEmpty();
            } else {
                assertThat(found).singleElement().asString().contains(problem);
            }
        });
    }

    @ParameterizedTest(name = "order {0} valid={1}")
    @CsvSource({"100,true", "''  ,true", "-5,true", "250.5,true", "1e3,true", "soon,false", "1e999,false", "NaN,false"})
    void theOrderIsANumberOrNothing(String order, boolean valid) {
        assertThat(messages(input("t", order, "Deny"), "order")).hasSize(valid ? 0 : 1);
    }

    @ParameterizedTest(name = "defaultAction {0} valid={1}")
    @CsvSource({"Deny,true", "Pass,true", "'',true", "Allow,false", "deny,false", "Log,false"})
    void theDefaultActionIsDenyOrPass(String action, boolean valid) {
        assertThat(messages(input("t", "1", action), "defaultAction")).hasSize(valid ? 0 : 1);
    }

    @ParameterizedTest(name = "built-in {0} with order {1} and {2}")
    @CsvSource({"default,1000000,Deny,0", "default,5,Deny,1", "default,1000000,Pass,1", "kube-admin,'',Pass,0"})
    void builtInTiersKeepTheirOrderAndDefaultAction(String name, String order, String action, int problems) {
        List<InvalidField> found = TierValidation.problems(input(name, order, action), Set.of());
        assertThat(found).hasSize(problems);
    }

    @org.junit.jupiter.api.Test
    void aLockedTierNeedsOwnersIncludingOneOfTheEditorsGroups() {
        TierInput noOwners = new TierInput("t", "1", "Deny", true, List.of(), false, "", false);
        assertThat(TierValidation.problems(noOwners, Set.of("admins")))
                .extracting(InvalidField::message)
                .containsExactly("A locked tier needs at least one owner group.");
        TierInput others = new TierInput("t", "1", "Deny", true, List.of("others"), false, "", false);
        assertThat(TierValidation.problems(others, Set.of("admins")))
                .singleElement()
                .satisfies(f -> assertThat(f.field()).isEqualTo("owners"));
        TierInput mine = new TierInput("t", "1", "Deny", true, List.of("others", "admins"), false, "", false);
        assertThat(TierValidation.problems(mine, Set.of("admins"))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void eachBadOwnerIsNamedByItsPosition() {
        TierInput input = new TierInput("t", "1", "Deny", false, List.of("ok", "has space"), false, "", false);
        assertThat(TierValidation.problems(input, Set.of()))
                .extracting(InvalidField::field)
                .containsExactly("owners[1]");
    }

    private static TierInput input(String name, String order, String action) {
        return new TierInput(name, order, action, false, List.of(), false, "", false);
    }

    private static List<String> messages(TierInput input, String field) {
        return TierValidation.problems(input, Set.of()).stream()
                .filter(f -> f.field().equals(field))
                .map(InvalidField::message)
                .toList();
    }
}
