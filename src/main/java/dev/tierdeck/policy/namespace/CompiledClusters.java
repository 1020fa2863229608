package dev.tierdeck.policy.namespace;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.Manifests;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The cluster cache compiled for the engine, kept until the cache changes (one entry): the reader hands out the same
 * decoded object until then, so compiling once per change is enough.
 */
@Component
public class CompiledClusters {

    private record Compiled(Manifests source, CompiledCluster cluster) {}

    private final ClusterReader reader;
    private final AtomicReference<Compiled> last = new AtomicReference<>();

    public CompiledClusters(ClusterReader reader) {
        this.reader = reader;
    }

    public CompiledCluster current() {
        Manifests decoded = reader.decoded();
        Compiled c = last.get();
        if (c == null || c.source() != decoded) {
            c = new Compiled(decoded, Engine.compile(decoded.state()));
            last.set(c);
        }
        return c.cluster();
    }
}
