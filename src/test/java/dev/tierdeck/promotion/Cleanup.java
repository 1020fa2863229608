package dev.tierdeck.promotion;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Forgets a test's policies (drafts, versions, approvals, keys) by name prefix; audit records stay, as always. */
final class Cleanup {

    private Cleanup() {}

    static void policies(JdbcClient jdbc, String prefix) {
        for (String sql : new String[] {
            "delete from policy_draft where name like :p",
            "delete from policy_version where name like :p",
            "delete from approval_request where policy_name like :p",
            "delete from promotion_key where policy_name like :p"
        }) {
            jdbc.sql(sql).param("p", prefix + "%").update();
        }
    }
}
