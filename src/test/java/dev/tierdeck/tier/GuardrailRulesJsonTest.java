package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Versions stored before the public-address limits existed still decode, with the limits' defaults. */
class GuardrailRulesJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aVersionStoredWithoutTheNewParametersDecodesWithTheirDefaults() {
        String stored = """
                {"egressCidrs": {"enabled": true, "severity": "block", "allowed": []},
                 "ingressFromAllNamespaces": {"enabled": true, "severity": "block"},
                 "peerNamespaces": {"enabled": true, "severity": "require-approval"},
                 "protocolsAndPorts": {"enabled": true, "severity": "block", "protocols": ["TCP", "UDP"],
                   "ports": ["1:65535"]},
                 "requiredLabels": {"enabled": true, "severity": "block", "labels": []},
                 "maxRules": {"enabled": true, "severity": "block", "max": 20},
                 "passAndLog": {"enabled": true, "severity": "block", "passAllowedIn": [], "logAllowedIn": []}}""";
        GuardrailRules rules = JSON.readValue(stored, GuardrailRules.class);
        assertThat(rules.egressCidrs().publicPrefixV4()).isEqualTo(8);
        assertThat(rules.egressCidrs().publicPrefixV6()).isEqualTo(32);
        assertThat(rules.protocolsAndPorts().protocols()).containsExactly("TCP", "UDP");
        assertThat(GuardrailValidation.problems(rules)).isEmpty();
        // and what is written now reads back the same
        assertThat(JSON.readValue(JSON.writeValueAsString(rules), GuardrailRules.class))
                .isEqualTo(rules);
    }
}
