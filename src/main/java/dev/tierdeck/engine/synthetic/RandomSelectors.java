package dev.tierdeck.engine.synthetic;

/** Random selector text over the generators' label vocabulary, every form of namespaceSelector included. */
final class RandomSelectors {

    private final Dice dice;

    RandomSelectors(Dice dice) {
        this.dice = dice;
    }

    /** A policy's top-level selector. */
    String endpoint() {
        return dice.pick(
                "",
                "",
                "all()",
                "app == 'web'",
                "app == 'db'",
                "app in {'api', 'web'}",
                "has(tier)",
                "tier != 'front'",
                "!has(tier)",
                "tier == ''",
                "app == 'web' || tier == 'back'",
                "app != 'db' && has(team)",
                "pcns.team == 'a'",
                "projectcalico.org/serviceaccount == 'sa1'",
                "app starts with 'w'");
    }

    /** A GlobalNetworkPolicy's top-level namespaceSelector (never global(), §3.4). */
    String topLevelNamespace() {
        return dice.pick(
                "", "", "", "all()", "team == 'a'", "has(env)", "env != 'prod'", "projectcalico.org/name == 'beta'");
    }

    /** A rule's selector or notSelector. */
    String peer() {
        return dice.pick(
                "all()",
                "app == 'web'",
                "app == 'db'",
                "has(tier)",
                "!has(app)",
                "kind == 'partner'",
                "kind in {'internal', 'dns'}",
                "has(kind)",
                "app != 'api'",
                "tier not in {'front'}",
                "projectcalico.org/orchestrator == 'k8s'");
    }

    /** A rule's namespaceSelector: all(), global(), plain and negative expressions (§2.8, §7.5). */
    String ruleNamespace() {
        return dice.pick(
                "all()",
                "global()",
                "team == 'a'",
                "team == 'b'",
                "has(env)",
                "!has(env)",
                "env != 'prod'",
                "projectcalico.org/name == 'alpha'",
                "kubernetes.io/metadata.name in {'beta', 'gamma'}");
    }
}
