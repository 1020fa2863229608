package dev.tierdeck.audit;

/** Audit entries as the other modules would write them. */
final class Entries {

    static final Actor ALICE = new Actor("http://localhost:9000", "alice", "Alice Developer");
    static final Actor ADA = new Actor("http://localhost:9000", "admin", "Ada Admin");

    private Entries() {}

    static AuditEntry policyPromoted(String namespace, String name) {
        return AuditEntry.builder(ALICE, "policy.promoted")
                .target("NetworkPolicy", namespace, name)
                .tier("default")
                .reason("allow the checkout to reach payments")
                .change("spec:\n  order: 100\n", "spec:\n  order: 200\n")
                .impactJson("{\"newlyAllowed\": 3, \"newlyDenied\": 0}")
                .correlationId("req-0001-abcd")
                .build();
    }

    static AuditEntry tierCreated(String tier) {
        return AuditEntry.builder(ADA, "tier.created")
                .target("Tier", null, tier)
                .tier(tier)
                .reason("platform rules come first")
                .change(null, "spec:\n  order: 100\n")
                .build();
    }
}
