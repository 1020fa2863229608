package dev.tierdeck.exception;

import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The dedicated policy of one exception: a GlobalNetworkPolicy in the denying tier, ordered just before the policy
 * that denies the flow, selecting the ends whose direction the tier denies, with one Allow rule per such direction
 * that matches exactly the granted scope. An Allow ends the evaluation of that direction (calico-semantics §1.4), so
 * the tier's deny and every later tier are skipped for these packets and for nothing else. It is labelled with the
 * exception's id and expiry, so that anyone reading the cluster sees why it is there and until when.
 *
 * @param egress whether the tier denies the flow at its source (egress rule on the source)
 * @param ingress whether the tier denies it at its destination (ingress rule on the destination)
 */
record ExceptionPolicy(
        long id,
        String tier,
        double order,
        ExceptionTarget target,
        ExceptionScope scope,
        boolean egress,
        boolean ingress,
        Instant expiresAt) {

    static final String ID_LABEL = "tierdeck.dev/exception-id";
    static final String EXPIRES_LABEL = "tierdeck.dev/exception-expires";

    static String name(long id) {
        return "exception-" + id;
    }

    String name() {
        return name(id);
    }

    /** As written to the cluster: the staged kind, promoted at once (the portal never writes an enforced policy). */
    CalicoPolicy staged() {
        return policy(PolicyKind.StagedGlobalNetworkPolicy);
    }

    CalicoPolicy enforced() {
        return policy(PolicyKind.GlobalNetworkPolicy);
    }

    Map<String, Object> stagedManifest() {
        return ManifestWriter.toMap(staged());
    }

    private CalicoPolicy policy(PolicyKind kind) {
        List<String> selected = new ArrayList<>();
        List<PolicyType> types = new ArrayList<>();
        List<Rule> ingressRules = new ArrayList<>();
        List<Rule> egressRules = new ArrayList<>();
        Protocol protocol = Objects.requireNonNull(Protocol.parse(target.protocol()), target.protocol());
        List<Port> ports = scope.anyPort() || target.port() == null ? List.of() : List.of(Port.Range.of(target.port()));
        EntityRule source = entity(target.source(), scope.source(), List.of());
        EntityRule destination = entity(target.destination(), scope.destination(), ports);
        if (egress) {
            selected.add(Objects.requireNonNull(target.source().selector(scope.source())));
            types.add(PolicyType.Egress);
            egressRules.add(new Rule(RuleAction.Allow, null, protocol, null, null, null, source, destination, null));
        }
        if (ingress) {
            selected.add(Objects.requireNonNull(target.destination().selector(scope.destination())));
            types.add(PolicyType.Ingress);
            ingressRules.add(new Rule(RuleAction.Allow, null, protocol, null, null, null, source, destination, null));
        }
        String selector = selected.size() == 1
                ? selected.getFirst()
                : String.join(" || ", selected.stream().map(s -> "(" + s + ")").toList());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ID_LABEL, Long.toString(id));
        labels.put(EXPIRES_LABEL, Long.toString(expiresAt.getEpochSecond()));
        return new CalicoPolicy(
                kind,
                null,
                name(),
                tier,
                order,
                selector,
                null,
                null,
                types,
                ingressRules,
                egressRules,
                null,
                false,
                false,
                false,
                labels);
    }

    private static EntityRule entity(ExceptionTarget.End end, ExceptionScope.Breadth breadth, List<Port> ports) {
        @Nullable String selector = end.selector(breadth);
        List<String> nets = end.address() == null ? List.of() : List.of(net(end.address()));
        return new EntityRule(nets, List.of(), selector, null, null, ports, List.of(), null, null);
    }

    private static String net(String address) {
        return address.contains(":") ? address + "/128" : address + "/32";
    }
}
