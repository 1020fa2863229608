package dev.tierdeck.cluster.demo;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The demo cluster's storage: responses recorded on the mock server first (tests inject faults that way), then the
 * indexed CRUD store. The same routing as fabric8's mixed dispatcher, around a store that scales.
 */
final class DemoStore extends Dispatcher implements Resetable, CustomResourceAware {

    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private final MockDispatcher recorded;
    private final IndexedCrudDispatcher crud;

    DemoStore(Map<ServerRequest, Queue<ServerResponse>> responses, List<CustomResourceDefinitionContext> served) {
        this.responses = responses;
        this.recorded = new MockDispatcher(responses);
        this.crud = new IndexedCrudDispatcher(served);
    }

    IndexedCrudDispatcher crud() {
        return crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Queue<ServerResponse> queue =
                responses.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (queue != null && !queue.isEmpty()) {
            return recorded.dispatch(request);
        }
        return crud.dispatch(request);
    }

    @Override
    public void shutdown() {
        recorded.shutdown();
        crud.shutdown();
    }

    @Override
    public void releaseResources() {
        recorded.releaseResources();
        crud.releaseResources();
    }

    @Override
    public void reset() {
        crud.reset();
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext context) {
        crud.expectCustomResource(context);
    }
}
