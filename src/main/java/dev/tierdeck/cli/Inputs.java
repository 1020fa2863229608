package dev.tierdeck.cli;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.manifest.ManifestProblem;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reading the command's input files, turning every problem into a {@link BadInputException}. */
final class Inputs {

    /** At most this many problems are listed; the rest are counted. */
    private static final int SHOWN = 20;

    private Inputs() {}

    /** Reads manifests; warnings go to {@code err}, errors fail. */
    static Manifests manifests(List<String> paths, PrintStream err) throws BadInputException {
        for (String p : paths) {
            if (!Files.exists(Path.of(p))) {
                throw new BadInputException(p + ": no such file or directory");
            }
        }
        Manifests m = ManifestReader.readPaths(paths.stream().map(Path::of).toList());
        for (ManifestProblem w : m.warnings()) {
            err.println("tierdeck: warning: " + w);
        }
        if (!m.ok()) {
            throw new BadInputException(
                    describe(m.errors().stream().map(ManifestProblem::toString).toList()));
        }
        return m;
    }

    static FlowReader.Result flows(String path) throws BadInputException {
        FlowReader.Result r;
        try (Reader in = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            r = FlowReader.read(path, in);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read: " + e.getMessage());
        }
        if (!r.problems().isEmpty()) {
            throw new BadInputException(
                    describe(r.problems().stream().map(Object::toString).toList()));
        }
        return r;
    }

    /** Every flow must name pods the cluster has. */
    static void checkPods(String path, FlowReader.Result flows, CompiledCluster cluster) throws BadInputException {
        for (int i = 0; i < flows.flows().size(); i++) {
            Flow f = flows.flows().get(i);
            for (String side : List.of("source", "destination")) {
                FlowEndpoint e = side.equals("source") ? f.source() : f.destination();
                if (e instanceof FlowEndpoint.PodRef p && !cluster.hasPod(p.namespace(), p.name())) {
                    throw new BadInputException(path + ": line " + flows.lines().get(i) + ": " + side + ".pod: pod " + p
                            + " does not exist in the cluster files");
                }
            }
        }
    }

    static String describe(List<String> problems) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
            if (i > 0) {
                s.append('\n');
            }
            s.append(problems.get(i));
        }
        if (problems.size() > SHOWN) {
            s.append("\n... and ").append(problems.size() - SHOWN).append(" more problems");
        }
        return s.toString();
    }
}
