package dev.tierdeck.flow;

/**
 * Whether this replica runs the continuous flow sources. Goldmane must be consumed, and demo traffic generated,
 * by one replica only, or every flow would be stored once per replica. Until the portal has a cluster-wide
 * leader lock, the default answers {@code true} (a single replica); a bean of this type replaces it.
 */
public interface FlowLeadership {

    boolean isLeader();
}
