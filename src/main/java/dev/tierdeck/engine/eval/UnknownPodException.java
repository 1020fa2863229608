package dev.tierdeck.engine.eval;

/** A flow names a pod that the cluster does not have. */
public final class UnknownPodException extends IllegalArgumentException {

    private final String pod;

    public UnknownPodException(String pod) {
        super("pod " + pod + " does not exist in the cluster");
        this.pod = pod;
    }

    public String pod() {
        return pod;
    }
}
