package dev.tierdeck.policy.editor;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One ingress or egress rule as the form shows it: an action, a protocol, the destination ports (numbers, ranges and
 * named ports, comma-separated) and the peer.
 */
public final class RuleForm {

    static final List<String> ACTIONS = List.of("Allow", "Deny", "Pass", "Log");
    /** The protocols the form offers; any other protocol opens the policy in YAML mode. */
    static final List<String> PROTOCOLS = List.of("", "TCP", "UDP", "SCTP", "ICMP");

    private String action = "Allow";
    private String protocol = "";
    private String ports = "";
    private PeerForm peer = new PeerForm();

    public String getAction() {
        return action;
    }

    public void setAction(@Nullable String action) {
        this.action = action == null ? "" : action.strip();
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(@Nullable String protocol) {
        this.protocol = protocol == null ? "" : protocol.strip();
    }

    public String getPorts() {
        return ports;
    }

    public void setPorts(@Nullable String ports) {
        this.ports = ports == null ? "" : ports.strip();
    }

    public PeerForm getPeer() {
        return peer;
    }

    public void setPeer(PeerForm peer) {
        this.peer = peer;
    }

    /**
     * A new rule as the Add buttons make it: Allow to or from the pods of the policy's own namespace (of every
     * namespace for a global policy), the narrowest useful start; "anywhere" would trip the peer guardrails at once.
     */
    static RuleForm narrow() {
        RuleForm r = of("Allow");
        r.getPeer().setKind(PeerForm.PODS);
        return r;
    }

    static RuleForm of(String action) {
        RuleForm r = new RuleForm();
        r.action = action;
        return r;
    }
}
