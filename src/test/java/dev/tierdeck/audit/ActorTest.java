package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void theSignedInUserIsRecordedByIssuerSubjectAndDisplayName() {
        CurrentUser alice = new CurrentUser(
                "http://localhost:9000",
                "alice",
                "alice",
                "Alice Developer",
                Set.of(Role.DEVELOPER),
                Set.of("tierdeck-developers"));

        assertThat(Actor.of(alice)).isEqualTo(new Actor("http://localhost:9000", "alice", "Alice Developer"));
    }

    @Test
    void aSignInWithoutAnIssuerStillNamesTheSubject() {
        CurrentUser local = new CurrentUser("", "ops", "ops", "ops", Set.of(), Set.of());

        assertThat(Actor.of(local)).isEqualTo(new Actor("unknown", "ops", "ops"));
    }

    @Test
    void thePortalActsUnderItsOwnIssuer() {
        assertThat(Actor.system("reconciler"))
                .isEqualTo(new Actor("tierdeck", "system:reconciler", "Tierdeck reconciler"));
    }
}
