package dev.tierdeck.policy;

/**
 * A note about a policy that saves and stages as it is but probably does not do what its author meant: a selector
 * matching no pod, a port no pod declares, a rule that never decides anything, an egress default deny that cuts
 * traffic. It never blocks anything; it is shown at the field it concerns.
 *
 * @param field the manifest path it concerns ({@code spec.selector}, {@code spec.egress[1].destination.ports})
 * @param message what was found and what to check, in one or two sentences
 * @param kind a stable name for the kind of note, for scripts: {@link #SELECTS_NO_POD}, {@link #PEER_MATCHES_NOTHING},
 *     {@link #UNDECLARED_PORT}, {@link #DECIDED_EARLIER}, {@link #DECIDED_ABOVE}, {@link #EGRESS_CUT}
 */
public record Advisory(String field, String message, String kind) {

    public static final String SELECTS_NO_POD = "selects-no-pod";
    public static final String PEER_MATCHES_NOTHING = "peer-matches-nothing";
    public static final String UNDECLARED_PORT = "undeclared-port";
    public static final String DECIDED_EARLIER = "decided-earlier";
    public static final String DECIDED_ABOVE = "decided-above";
    public static final String EGRESS_CUT = "egress-cut";
}
