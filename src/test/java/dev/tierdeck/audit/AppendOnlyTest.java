package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Nobody but the schema owner can change or remove an audit record once written. */
@AuditContextTest
class AppendOnlyTest {

    @Autowired
    DataSource server;

    @Test
    void updatesAreRejectedEvenForTheSingleRoleOfTheEmbeddedDefault() {
        AuditDatabase db = AuditDatabase.singleRole(server);
        db.log().record(Entries.tierCreated("platform"));

        assertThatThrownBy(() -> db.applicationJdbc().update("update audit_record set reason = 'nothing to see'"))
                .hasStackTraceContaining("audit records are append-only: UPDATE on audit_record is not allowed");
        assertThat(db.log().find(AuditQuery.all(), 0).records().getFirst().reason())
                .isEqualTo("platform rules come first");
    }

    @Test
    void deletesAndTruncationAreRejected() {
        AuditDatabase db = AuditDatabase.singleRole(server);
        db.log().record(Entries.tierCreated("platform"));

        assertThatThrownBy(() -> db.applicationJdbc().update("delete from audit_record"))
                .hasStackTraceContaining("audit records are append-only: DELETE on audit_record is not allowed");
        assertThatThrownBy(() -> db.applicationJdbc().execute("truncate audit_record"))
                .hasStackTraceContaining("audit records are append-only: TRUNCATE on audit_record is not allowed");
        assertThat(db.log().verify()).isEqualTo(ChainVerification.intact(1));
    }

    @Test
    void theApplicationRoleHoldsNoUpdateOrDeletePrivilegeEvenWithTheTriggerOff() {
        AuditDatabase db = AuditDatabase.twoRoles(server);
        db.log().record(Entries.tierCreated("platform"));
        db.ownerJdbc().execute("alter table audit_record disable trigger audit_record_append_only");

        assertThatThrownBy(() -> db.applicationJdbc().update("update audit_record set reason = 'nothing to see'"))
                .hasStackTraceContaining("permission denied for table audit_record");
        assertThatThrownBy(() -> db.applicationJdbc().update("delete from audit_record"))
                .hasStackTraceContaining("permission denied for table audit_record");
        assertThatThrownBy(() -> db.applicationJdbc().execute("truncate audit_record"))
                .hasStackTraceContaining("permission denied for table audit_record");
        assertThat(db.ownerJdbc().queryForObject("select count(*) from audit_record", Long.class))
                .isOne();
    }

    @Test
    void onlyTheSchemaOwnerCanSwitchTheTriggerOff() {
        AuditDatabase db = AuditDatabase.twoRoles(server);

        assertThatThrownBy(() -> db.applicationJdbc()
                        .execute("alter table audit_record disable trigger audit_record_append_only"))
                .hasStackTraceContaining("must be owner of");
        assertThatThrownBy(() -> db.applicationJdbc().execute("drop trigger audit_record_append_only on audit_record"))
                .hasStackTraceContaining("must be owner of");
    }

    @Test
    void theApplicationRoleStillAppendsReadsAndVerifies() {
        AuditDatabase db = AuditDatabase.twoRoles(server);

        db.log().record(Entries.tierCreated("platform"));
        db.log().record(Entries.policyPromoted("payments", "allow-checkout"));

        assertThat(db.log().find(AuditQuery.all(), 0).total()).isEqualTo(2);
        assertThat(db.log().verify()).isEqualTo(ChainVerification.intact(2));
    }

    @Test
    void theChainHeadCannotBeRewoundOrRemoved() {
        AuditDatabase db = AuditDatabase.twoRoles(server);
        AuditRecord first = db.log().record(Entries.tierCreated("platform"));
        db.log().record(Entries.tierCreated("security"));

        assertThatThrownBy(() -> db.applicationJdbc()
                        .update("update audit_chain_head set last_id = ?, last_hash = ?", first.id(), first.hash()))
                .hasStackTraceContaining("the audit chain head may only advance to the newest record");
        assertThatThrownBy(() -> db.applicationJdbc().update("delete from audit_chain_head"))
                .hasStackTraceContaining("permission denied for table audit_chain_head");
        assertThatThrownBy(() -> db.ownerJdbc().update("delete from audit_chain_head"))
                .hasStackTraceContaining("the audit chain head cannot be removed (DELETE)");
        assertThat(db.log().verify().ok()).isTrue();
    }
}
