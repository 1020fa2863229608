package dev.tierdeck.cli;

import dev.tierdeck.engine.assertion.Assertion;
import dev.tierdeck.engine.assertion.AssertionChecker;
import dev.tierdeck.engine.assertion.AssertionResult;
import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowBatch;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.Impact;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ObjectKey;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.recommend.Observation;
import dev.tierdeck.engine.recommend.Recommendation;
import dev.tierdeck.engine.recommend.Recommender;
import dev.tierdeck.engine.recommend.Settings;
import dev.tierdeck.engine.reference.ReferenceEvaluator;
import dev.tierdeck.engine.reference.ReferenceFlow;
import dev.tierdeck.engine.synthetic.LargeCluster;
import dev.tierdeck.engine.synthetic.LargeClusterPolicies;
import dev.tierdeck.engine.synthetic.NamespaceTraffic;
import dev.tierdeck.engine.synthetic.Scenario;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tierdeck bench}: generates a synthetic cluster (1,000 namespaces, 50,000 pods, 10,000 policies in five
 * tiers, 1,000,000 flows; {@code --small} for a quick run), then measures, with the engine warm and the input
 * already built: full evaluation throughput, the impact of a one-namespace developer change and of a global admin
 * change, a suggestion for one namespace over 100,000 stored flows with its proof, the exact check of connectivity
 * assertions, heap in use, and the reference evaluator on a sample of the same flows.
 */
final class BenchCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Protocol> TCP = List.of(Protocol.TCP);
    /** Time budgets keep the full run within ten minutes on a 2-core machine, however slow a step turns out. */
    private static final long EVALUATE_BUDGET_NANOS = 90_000_000_000L;

    private static final long IMPACT_BUDGET_NANOS = 60_000_000_000L;

    private BenchCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = false;
        LargeCluster size = LargeCluster.FULL;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--small" -> size = LargeCluster.SMALL;
                case "--seed" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("-?\\d{1,18}")) {
                        err.println("tierdeck: bench: --seed needs a whole number");
                        return Cli.BAD_INPUT;
                    }
                    seed = Long.parseLong(args[++i]);
                }
                default -> {
                    err.println("tierdeck: bench: unknown option " + args[i]
                            + "\nusage: tierdeck bench [--json] [--small] [--seed N]");
                    return Cli.BAD_INPUT;
                }
            }
        }
        new Bench(size, seed, out).run(json);
        return Cli.OK;
    }

    /** One benchmark run; figures are printed as they are measured. */
    private static final class Bench {

        private final LargeCluster size;
        private final long seed;
        private final PrintStream out;
        private final ObjectNode figures = JSON.createObjectNode();

        Bench(LargeCluster size, long seed, PrintStream out) {
            this.size = size;
            this.seed = seed;
            this.out = out;
        }

        void run(boolean json) {
            int cores = Runtime.getRuntime().availableProcessors();
            figures.put("cores", cores);
            long start = System.nanoTime();
            Scenario scenario = size.generate(seed);
            ClusterState state = scenario.state();
            List<Flow> flows = scenario.flows().stream().map(Bench::flow).toList();
            out.printf(
                    "cluster: %d namespaces, %d pods, %d policies, %d flows (seed %d), generated in %.1f s; %d cores%n",
                    size.namespaces(),
                    state.pods().size(),
                    policyCount(state),
                    flows.size(),
                    seed,
                    seconds(System.nanoTime() - start),
                    cores);

            long compileStart = System.nanoTime();
            CompiledCluster engine = Engine.compile(state);
            double compileMillis = millis(System.nanoTime() - compileStart);
            figures.put("compileMillis", round(compileMillis));
            out.printf("compile: %.0f ms%n", compileMillis);

            long resolveStart = System.nanoTime();
            FlowBatch batch = FlowBatch.of(engine, flows);
            double resolveMillis = millis(System.nanoTime() - resolveStart);
            figures.put("resolveMillis", round(resolveMillis));
            out.printf("flows resolved against the endpoints (once, like parsing): %.0f ms%n", resolveMillis);

            evaluate(engine, batch);
            traces(engine, flows);
            impact(
                    "developer",
                    engine,
                    batch,
                    run -> Change.of(LargeClusterPolicies.developerChange(size, seed, run)),
                    30);
            impact("admin", engine, batch, run -> Change.of(LargeClusterPolicies.adminChange(run)), 10);
            recommend(state);
            assertions(engine);

            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long heap = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            figures.put("heapMiB", heap);
            out.printf("heap in use (cluster, compiled engine and flows live): %d MiB%n", heap);
            // The compiled engine must still be live when the heap is measured.
            java.lang.ref.Reference.reachabilityFence(engine);

            reference(state, scenario.flows());
            targets();
            if (json) {
                out.println(JSON.writeValueAsString(figures));
            }
        }

        /** Verdicts of every flow, one thread: the full evaluation the targets are about. */
        private void evaluate(CompiledCluster engine, FlowBatch batch) {
            for (int i = 0; i < 3; i++) {
                engine.actions(batch, false);
            }
            double[] seconds = new double[7];
            long allowed = 0;
            int runs = 0;
            long budgetStart = System.nanoTime();
            for (int r = 0;
                    r < seconds.length && (r < 2 || System.nanoTime() - budgetStart < EVALUATE_BUDGET_NANOS);
                    r++) {
                runs++;
                long t = System.nanoTime();
                Verdict[] verdicts = engine.actions(batch, false);
                seconds[r] = seconds(System.nanoTime() - t);
                for (Verdict v : verdicts) {
                    if (v == Verdict.Allow) {
                        allowed++;
                    }
                }
            }
            seconds = Arrays.copyOf(seconds, runs);
            Arrays.sort(seconds);
            double median = seconds[runs / 2];
            double perCore = batch.size() / median;
            figures.put("evaluateFlowsPerSecondPerCore", Math.round(perCore));
            figures.put("evaluateMillisP50", round(median * 1000));
            figures.put("evaluateMillisP99", round(seconds[runs - 1] * 1000));
            out.printf(
                    "evaluate (verdicts, one thread, %d runs over %d flows, %.1f%% allowed): median %.0f ms,"
                            + " worst %.0f ms, %.0f flows/s per core%n",
                    runs,
                    batch.size(),
                    100.0 * allowed / ((long) runs * batch.size()),
                    median * 1000,
                    seconds[runs - 1] * 1000,
                    perCore);
        }

        /** Both traces with their hits for every flow, names resolved per flow: what {@code evaluate} prints. */
        private void traces(CompiledCluster engine, List<Flow> flows) {
            int warmup = Math.min(flows.size(), 200_000);
            for (int i = 0; i < warmup; i++) {
                engine.evaluate(flows.get(i));
            }
            double[] seconds = new double[3];
            for (int r = 0; r < seconds.length; r++) {
                long t = System.nanoTime();
                for (Flow flow : flows) {
                    engine.evaluate(flow);
                }
                seconds[r] = seconds(System.nanoTime() - t);
            }
            Arrays.sort(seconds);
            double perCore = flows.size() / seconds[1];
            figures.put("tracesFlowsPerSecondPerCore", Math.round(perCore));
            out.printf(
                    "evaluate with traces (one thread, 3 runs): median %.0f ms, %.0f flows/s per core%n",
                    seconds[1] * 1000, perCore);
        }

        private void impact(
                String name,
                CompiledCluster engine,
                FlowBatch flows,
                java.util.function.IntFunction<Change> changes,
                int runs) {
            // The verdicts before the change are known (computed once and kept with the resolved flows).
            engine.actions(flows);
            long budgetStart = System.nanoTime();
            for (int i = 0; i < 3 && System.nanoTime() - budgetStart < IMPACT_BUDGET_NANOS / 4; i++) {
                Impact.of(engine, changes.apply(1000 + i), flows);
            }
            double[] millis = new double[runs];
            int changed = 0;
            int done = 0;
            budgetStart = System.nanoTime();
            for (int r = 0; r < runs && (r < 3 || System.nanoTime() - budgetStart < IMPACT_BUDGET_NANOS); r++) {
                Change change = changes.apply(r);
                long t = System.nanoTime();
                changed += Impact.of(engine, change, flows).changed();
                millis[r] = millis(System.nanoTime() - t);
                done++;
            }
            runs = done;
            millis = Arrays.copyOf(millis, runs);
            Arrays.sort(millis);
            double p50 = millis[runs / 2];
            double p99 = millis[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)];
            figures.put(name + "ImpactMillisP50", round(p50));
            figures.put(name + "ImpactMillisP99", round(p99));
            out.printf(
                    "impact of a%s %s change (%d runs, %d flows changed on average): median %.1f ms, p99 %.1f ms%n",
                    name.equals("admin") ? "n" : "", name, runs, changed / runs, p50, p99);
        }

        /**
         * A suggestion for one namespace over its stored flows, proof of all three levels included, on a compiled
         * cluster as the portal keeps it (compiling is not part of it). The namespace is taken as it was before its
         * team wrote any policy, the case suggestions are for; the rest of the cluster keeps its policies.
         */
        private void recommend(ClusterState state) {
            List<ObjectKey> own = new ArrayList<>();
            state.calicoPolicies().stream()
                    .filter(p -> "ns-0".equals(p.namespace()))
                    .forEach(p -> own.add(p.key()));
            state.kubernetesPolicies().stream()
                    .filter(p -> "ns-0".equals(p.namespace()))
                    .forEach(p -> own.add(p.key()));
            CompiledCluster engine = Engine.compile(state.with(List.of(), own));
            int count = size.equals(LargeCluster.SMALL) ? 10_000 : 100_000;
            Scenario scenario = new Scenario(seed, List.copyOf(state.objects()), List.of());
            List<Observation> observations = NamespaceTraffic.generate(scenario, 0, count, seed).stream()
                    .map(f -> Observation.of(flow(f)))
                    .toList();
            Settings settings = Settings.of("ns-0");
            for (int i = 0; i < 3; i++) {
                Recommender.recommend(engine, observations, settings);
            }
            double[] millis = new double[7];
            double[] cpu = new double[millis.length];
            // A suggestion of this size runs on the calling thread: its CPU time is what it costs on an idle machine.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Recommendation last = null;
            for (int r = 0; r < millis.length; r++) {
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                last = Recommender.recommend(engine, observations, settings);
                millis[r] = millis(System.nanoTime() - t);
                cpu[r] = millis(threads.getCurrentThreadCpuTime() - c);
            }
            Arrays.sort(millis);
            Arrays.sort(cpu);
            figures.put("recommendCpuMillisP50", round(cpu[cpu.length / 2]));
            figures.put("recommendFlows", count);
            figures.put("recommendMillisP50", round(millis[millis.length / 2]));
            figures.put("recommendMillisMax", round(millis[millis.length - 1]));
            out.printf(
                    "recommend for one namespace without its own policies (%d stored flows, %d distinct, proof of three"
                            + " levels; %d policies,"
                            + " %d rules, %d newly denied): median %.0f ms, worst %.0f ms (CPU of the thread: median %.0f"
                            + " ms)%n",
                    count,
                    last.proof().flows(),
                    last.policies().size(),
                    last.rules(),
                    last.proof().newlyDeniedFlows(),
                    millis[millis.length / 2],
                    millis[millis.length - 1],
                    cpu[cpu.length / 2]);
        }

        /**
         * Connectivity assertions over one or two namespaces, exactly checked: the median of five checks of each,
         * with how many representative flows the engine evaluated.
         */
        private void assertions(CompiledCluster engine) {
            // Chosen to hold on the generated cluster, so that each check goes through every class it finds.
            EndpointSet outside = new EndpointSet(null, null, null, null, List.of("0.0.0.0/0"), List.of("10.0.0.0/8"));
            List<Assertion> assertions = List.of(
                    new Assertion("namespace-to-namespace", namespace(1), namespace(2), TCP, List.of(), Verdict.Deny),
                    new Assertion(
                            "anything-to-a-namespace",
                            EndpointSet.ANYTHING,
                            namespace(0),
                            TCP,
                            List.of(new Port.Range(1, 1023)),
                            Verdict.Deny),
                    new Assertion("namespace-to-outside", namespace(4), outside, TCP, List.of(), Verdict.Deny));
            for (Assertion a : assertions) {
                AssertionResult result = AssertionChecker.check(engine, a);
                double[] millis = new double[5];
                for (int r = 0; r < millis.length; r++) {
                    long t = System.nanoTime();
                    result = AssertionChecker.check(engine, a);
                    millis[r] = millis(System.nanoTime() - t);
                }
                Arrays.sort(millis);
                StringBuilder key = new StringBuilder("assert");
                for (String word : a.name().split("-")) {
                    key.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
                figures.put(key.append("Millis").toString(), round(millis[2]));
                out.printf(
                        "assertion %s (%s): %s, %d flows evaluated, median %.1f ms%n",
                        a.name(),
                        a.expect(),
                        result.status().name().toLowerCase(java.util.Locale.ROOT),
                        result.flowsChecked(),
                        millis[2]);
            }
        }

        private EndpointSet namespace(int n) {
            String name = "ns-" + (n % size.namespaces());
            return new EndpointSet(null, null, "projectcalico.org/name == '" + name + "'", null, List.of(), List.of());
        }

        private void reference(ClusterState state, List<ReferenceFlow> flows) {
            ReferenceEvaluator reference = new ReferenceEvaluator(state);
            reference.evaluate(flows.getFirst());
            int evaluated = 0;
            long t = System.nanoTime();
            boolean small = size.equals(LargeCluster.SMALL);
            long budget = small ? 3_000_000_000L : 30_000_000_000L;
            while (evaluated < Math.min(flows.size(), 2_000) && System.nanoTime() - t < budget) {
                reference.evaluate(flows.get(evaluated * 997 % flows.size()));
                evaluated++;
            }
            double rate = evaluated / seconds(System.nanoTime() - t);
            figures.put("referenceFlowsPerSecond", round(rate));
            figures.put("referenceSampleFlows", evaluated);
            double perCore = figures.get("evaluateFlowsPerSecondPerCore").asDouble();
            out.printf(
                    "reference evaluator: %d sampled flows, %.1f flows/s (the engine is %.0fx faster)%n",
                    evaluated, rate, perCore / rate);
        }

        /** The performance targets for the full size, each against the measured figure. */
        private void targets() {
            out.printf(
                    "targets: evaluate >= 2,000,000 flows/s per core: %s; developer impact < 100 ms: %s;"
                            + " admin impact < 1,000 ms: %s; recommend < 1,000 ms: %s; heap < 2,048 MiB: %s%n",
                    verdict(figures.get("evaluateFlowsPerSecondPerCore").asDouble() >= 2_000_000),
                    verdict(figures.get("developerImpactMillisP99").asDouble() < 100),
                    verdict(figures.get("adminImpactMillisP99").asDouble() < 1_000),
                    verdict(figures.get("recommendMillisMax").asDouble() < 1_000),
                    verdict(figures.get("heapMiB").asDouble() < 2_048));
        }

        private static String verdict(boolean met) {
            return met ? "met" : "missed";
        }

        private static Flow flow(ReferenceFlow flow) {
            return new Flow(
                    flow.id(),
                    endpoint(flow.source()),
                    endpoint(flow.destination()),
                    flow.protocol(),
                    flow.port(),
                    flow.sourcePort(),
                    flow.icmpType(),
                    flow.icmpCode());
        }

        private static FlowEndpoint endpoint(ReferenceFlow.Side side) {
            return side.isPod()
                    ? new FlowEndpoint.PodRef(side.namespace(), side.pod())
                    : new FlowEndpoint.Address(side.ip());
        }

        private static int policyCount(ClusterState state) {
            return state.calicoPolicies().size()
                    + state.kubernetesPolicies().size()
                    + state.clusterPolicies().size();
        }

        private static double seconds(long nanos) {
            return nanos / 1e9;
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }
}
