package dev.tierdeck.flow;

/** A continuous producer of flows (Goldmane, the demo feed) that feeds {@link FlowStore#ingest}. */
public interface FlowSource {

    /** A snapshot of the source's health; never blocks. */
    FlowSourceStatus status();
}
