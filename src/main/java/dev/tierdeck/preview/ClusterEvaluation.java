package dev.tierdeck.preview;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.Manifests;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The current cluster compiled for evaluation. The reader decodes once per cache change and hands out the same
 * {@link Manifests} until the next one, so the compiled cluster is kept until the decoded object changes.
 */
@Component
class ClusterEvaluation {

    private record Compiled(Manifests source, CompiledCluster cluster) {}

    private final ClusterReader reader;
    private final AtomicReference<Compiled> last = new AtomicReference<>();

    ClusterEvaluation(ClusterReader reader) {
        this.reader = reader;
    }

    CompiledCluster current() {
        Manifests decoded = reader.decoded();
        Compiled c = last.get();
        if (c == null || c.source() != decoded) {
            c = new Compiled(decoded, Engine.compile(decoded.state()));
            last.set(c);
        }
        return c.cluster();
    }
}
