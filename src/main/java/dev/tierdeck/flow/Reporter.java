package dev.tierdeck.flow;

/** Which end of the connection reported the flow: the source (egress) or the destination (ingress). */
public enum Reporter {
    Src,
    Dst
}
