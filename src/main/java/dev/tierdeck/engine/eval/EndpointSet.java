package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ServiceAccountMatch;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A set of endpoints written with the fields of a Calico rule peer, for statements about connectivity that belong
 * to no namespace (connectivity assertions). It covers:
 *
 * <ul>
 *   <li>with an identity field ({@code selector}, {@code notSelector}, {@code namespaceSelector},
 *       {@code serviceAccounts}): the pods that match, in every namespace unless {@code namespaceSelector} narrows it.
 *       The fields mean what they mean in a GlobalNetworkPolicy rule peer (calico-semantics §2.6, §2.8): selectors
 *       read the labels Calico puts on a pod (§2.5), {@code namespaceSelector} reads namespace labels and
 *       {@code projectcalico.org/name}, {@code all()} is every namespace. Network sets are never members: the set
 *       names pods, not the addresses of network sets. With {@code nets} or {@code notNets} as well, only those
 *       pods' addresses inside {@code nets} and outside {@code notNets}.
 *   <li>with only {@code nets} and/or {@code notNets}: every address inside {@code nets} (any address of the
 *       families of {@code notNets} when there are no {@code nets}) and outside {@code notNets}. An address that
 *       is a pod's is that pod, with the pod's own policies, as in a Calico rule.
 *   <li>with no field at all: every pod and every IPv4 and IPv6 address.
 * </ul>
 *
 * Pods without an address are never covered: they carry no traffic. Selector and CIDR texts are expected to be
 * valid (checked where they are read); {@code global()} has no place here, since the set covers pods and addresses.
 */
public record EndpointSet(
        @Nullable String selector,
        @Nullable String notSelector,
        @Nullable String namespaceSelector,
        @Nullable ServiceAccountMatch serviceAccounts,
        List<String> nets,
        List<String> notNets) {

    /** Every pod and every address. */
    public static final EndpointSet ANYTHING = new EndpointSet(null, null, null, null, List.of(), List.of());

    public EndpointSet {
        nets = List.copyOf(nets);
        notNets = List.copyOf(notNets);
    }

    /** Whether the set names pods by their identity (labels, namespace, service account). */
    public boolean byIdentity() {
        return selector != null || notSelector != null || namespaceSelector != null || serviceAccounts != null;
    }

    /** Whether the set is narrowed to addresses. */
    public boolean byAddress() {
        return !nets.isEmpty() || !notNets.isEmpty();
    }
}
