package dev.tierdeck.flow;

/** Traffic counted for a flow over its time span. Live connections are a gauge, not a sum. */
public record FlowCounts(
        long packetsIn,
        long packetsOut,
        long bytesIn,
        long bytesOut,
        long connectionsStarted,
        long connectionsCompleted,
        long connectionsLive) {

    public static final FlowCounts NONE = new FlowCounts(0, 0, 0, 0, 0, 0, 0);

    public FlowCounts plus(FlowCounts o) {
        return new FlowCounts(
                packetsIn + o.packetsIn,
                packetsOut + o.packetsOut,
                bytesIn + o.bytesIn,
                bytesOut + o.bytesOut,
                connectionsStarted + o.connectionsStarted,
                connectionsCompleted + o.connectionsCompleted,
                Math.max(connectionsLive, o.connectionsLive));
    }
}
