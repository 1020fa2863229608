package dev.tierdeck.flow;

import java.time.Instant;

/** A flow as stored: its aggregate over one time bucket, which starts at {@code bucket}. */
public record StoredFlow(Instant bucket, FlowRecord flow) {}
