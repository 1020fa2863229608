package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.IpAddress;
import org.jspecify.annotations.Nullable;

/** A flow resolved against the index: addresses, endpoint ids, containing network sets, numbers. */
final class FlowContext {
    /** The endpoints the flow was resolved against (named ports are looked up there). */
    final Index index;

    final @Nullable IpAddress srcIp;
    final @Nullable IpAddress dstIp;
    final int srcPod;
    final int dstPod;
    final int[] srcNetsets;
    final int[] dstNetsets;
    final int protocol;
    final int dstPort;
    final int srcPort;
    final int icmpType;
    final int icmpCode;
    final boolean v6;

    FlowContext(
            Index index,
            @Nullable IpAddress srcIp,
            @Nullable IpAddress dstIp,
            int srcPod,
            int dstPod,
            int[] srcNetsets,
            int[] dstNetsets,
            int protocol,
            int dstPort,
            int srcPort,
            int icmpType,
            int icmpCode) {
        this.index = index;
        this.srcIp = srcIp;
        this.dstIp = dstIp;
        this.srcPod = srcPod;
        this.dstPod = dstPod;
        this.srcNetsets = srcNetsets;
        this.dstNetsets = dstNetsets;
        this.protocol = protocol;
        this.dstPort = dstPort;
        this.srcPort = srcPort;
        this.icmpType = icmpType;
        this.icmpCode = icmpCode;
        this.v6 = srcIp != null ? srcIp.v6() : dstIp != null && dstIp.v6();
    }
}
