package dev.tierdeck.flow;

/**
 * Whether this replica runs the continuous flow sources. Goldmane must be consumed, and demo traffic generated,
 * by one replica only, or every flow would be stored once per replica. Backed by the portal's leader lock;
 * asked again before every round, so leadership may move between rounds.
 */
public interface FlowLeadership {

    boolean isLeader();
}
