package dev.tierdeck.flow.goldmane;

import dev.tierdeck.flow.goldmane.proto.Action;
import dev.tierdeck.flow.goldmane.proto.EndpointType;
import dev.tierdeck.flow.goldmane.proto.Flow;
import dev.tierdeck.flow.goldmane.proto.FlowKey;
import dev.tierdeck.flow.goldmane.proto.FlowListRequest;
import dev.tierdeck.flow.goldmane.proto.FlowListResult;
import dev.tierdeck.flow.goldmane.proto.FlowResult;
import dev.tierdeck.flow.goldmane.proto.FlowStreamRequest;
import dev.tierdeck.flow.goldmane.proto.FlowsGrpc;
import dev.tierdeck.flow.goldmane.proto.ListMetadata;
import dev.tierdeck.flow.goldmane.proto.PolicyHit;
import dev.tierdeck.flow.goldmane.proto.PolicyKind;
import dev.tierdeck.flow.goldmane.proto.PolicyTrace;
import dev.tierdeck.flow.goldmane.proto.Reporter;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Goldmane that serves recorded flows: {@code List} pages through them by start time; {@code Stream} sends
 * those at or after the requested start, the first stream breaking off half-way (a lost connection) after
 * sending one flow twice, later streams staying open.
 */
class RecordedGoldmane extends FlowsGrpc.FlowsImplBase {

    final List<Flow> flows = new CopyOnWriteArrayList<>();
    final List<FlowListRequest> listRequests = new CopyOnWriteArrayList<>();
    final List<FlowStreamRequest> streamRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger streams = new AtomicInteger();

    static Flow flow(String name, long start) {
        PolicyHit allow = PolicyHit.newBuilder()
                .setKind(PolicyKind.CalicoNetworkPolicy)
                .setNamespace("payments")
                .setName("allow-api")
                .setTier("default")
                .setAction(Action.Allow)
                .build();
        return Flow.newBuilder()
                .setKey(FlowKey.newBuilder()
                        .setSourceName(name)
                        .setSourceNamespace("checkout")
                        .setSourceType(EndpointType.WorkloadEndpoint)
                        .setDestName("api-7d9f8c-*")
                        .setDestNamespace("payments")
                        .setDestType(EndpointType.WorkloadEndpoint)
                        .setDestPort(8080)
                        .setProto("tcp")
                        .setReporter(Reporter.Dst)
                        .setAction(Action.Allow)
                        .setPolicies(PolicyTrace.newBuilder()
                                .addEnforcedPolicies(allow)
                                .addPendingPolicies(allow)))
                .setStartTime(start)
                .setEndTime(start + 15)
                .addSourceLabels("app=" + name.replace("-*", ""))
                .addDestLabels("app=api")
                .setPacketsIn(10)
                .setBytesIn(1000)
                .setNumConnectionsStarted(1)
                .build();
    }

    final List<dev.tierdeck.flow.goldmane.proto.FilterHintsRequest> hintRequests = new CopyOnWriteArrayList<>();

    /** Destination namespaces of the recorded flows whose source namespace is in the filter, a page at a time. */
    @Override
    public void filterHints(
            dev.tierdeck.flow.goldmane.proto.FilterHintsRequest request,
            StreamObserver<dev.tierdeck.flow.goldmane.proto.FilterHintsResult> response) {
        hintRequests.add(request);
        var wanted = request.getFilter().getSourceNamespacesList().stream()
                .map(dev.tierdeck.flow.goldmane.proto.StringMatch::getValue)
                .toList();
        List<String> values = flows.stream()
                .filter(f -> wanted.isEmpty() || wanted.contains(f.getKey().getSourceNamespace()))
                .map(f -> f.getKey().getDestNamespace())
                .distinct()
                .sorted()
                .toList();
        int size = (int) request.getPageSize();
        int from = (int) request.getPage() * size;
        var result = dev.tierdeck.flow.goldmane.proto.FilterHintsResult.newBuilder()
                .setMeta(dev.tierdeck.flow.goldmane.proto.ListMetadata.newBuilder()
                        .setTotalPages((values.size() + size - 1) / size)
                        .setTotalResults(values.size()));
        values.stream()
                .skip(from)
                .limit(size)
                .forEach(v -> result.addHints(
                        dev.tierdeck.flow.goldmane.proto.FilterHint.newBuilder().setValue(v)));
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void list(FlowListRequest request, StreamObserver<FlowListResult> response) {
        listRequests.add(request);
        List<Flow> window = new ArrayList<>();
        for (Flow f : flows) {
            if (f.getStartTime() >= request.getStartTimeGte()
                    && (request.getStartTimeLt() == 0 || f.getStartTime() < request.getStartTimeLt())) {
                window.add(f);
            }
        }
        window.sort(Comparator.comparingLong(Flow::getStartTime));
        int size = (int) request.getPageSize();
        int from = (int) request.getPage() * size;
        FlowListResult.Builder result = FlowListResult.newBuilder()
                .setMeta(ListMetadata.newBuilder()
                        .setTotalPages((window.size() + size - 1) / size)
                        .setTotalResults(window.size()));
        for (int i = from; i < Math.min(window.size(), from + size); i++) {
            result.addFlows(FlowResult.newBuilder().setId(i).setFlow(window.get(i)));
        }
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void stream(FlowStreamRequest request, StreamObserver<FlowResult> response) {
        streamRequests.add(request);
        int n = streams.incrementAndGet();
        List<Flow> due = flows.stream()
                .filter(f -> f.getStartTime() >= request.getStartTimeGte())
                .sorted(Comparator.comparingLong(Flow::getStartTime))
                .toList();
        if (n == 1) {
            int half = due.size() / 2;
            for (int i = 0; i < half; i++) {
                response.onNext(FlowResult.newBuilder().setFlow(due.get(i)).build());
            }
            if (half > 0) {
                response.onNext(FlowResult.newBuilder().setFlow(due.getFirst()).build());
            }
            response.onError(
                    Status.UNAVAILABLE.withDescription("goldmane restarted").asRuntimeException());
            return;
        }
        for (Flow f : due) {
            response.onNext(FlowResult.newBuilder().setFlow(f).build());
        }
        // stays open, as a live stream does
    }
}
