package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.recommend.Recommendation.History;
import dev.tierdeck.engine.recommend.Recommendation.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the observed history holds and, in plain sentences, what a suggestion built on it cannot know. */
final class HistoryNotes {

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private HistoryNotes() {}

    /** "2 h 1 min", "45 min", "3 min". */
    static String words(Duration d) {
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        return hours == 0 ? minutes + " min" : hours + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }

    static History of(ObservedTraffic traffic, Settings settings, List<Workloads.Workload> locals, long connections) {
        Instant first = null;
        Instant last = null;
        for (ObservedTraffic.Entry e : traffic.flows) {
            first = ObservedTraffic.min(first, e.first);
            last = ObservedTraffic.max(last, e.last);
        }
        String scope = settings.workload() == null
                ? "namespace " + settings.namespace()
                : "workload " + settings.namespace() + "/" + settings.workload();
        String tier = settings.tier();
        int flows = traffic.flows.size();
        Duration span = first == null ? null : Duration.between(first, last);
        boolean fewFlows = flows < Recommender.THIN_HISTORY_FLOWS;
        boolean shortSpan = span != null && span.compareTo(Recommender.THIN_HISTORY_SPAN) < 0;
        boolean thin = fewFlows || shortSpan;
        List<String> notes = new ArrayList<>();
        if (flows == 0) {
            notes.add("No flows of " + scope + " were observed: the suggestion allows nothing, so once in force it"
                    + " denies everything that reaches tier " + tier + ". Choose a longer window, or check that flows"
                    + " are being collected.");
        } else if (fewFlows) {
            notes.add(
                    "Thin history: only " + flows + (flows == 1 ? " distinct flow touches " : " distinct flows touch ")
                            + scope + ". A proof over so little traffic says little.");
        }
        if (shortSpan) {
            notes.add("Thin history: the observed traffic spans only " + words(span)
                    + ", less than a day: what runs daily or weekly (backups, reports, batch jobs) may be missing.");
        }
        if (flows > 0) {
            notes.add("The suggestion knows only the traffic observed"
                    + (first == null ? "" : " between " + MINUTES.format(first) + " and " + MINUTES.format(last))
                    + ": connections that did not happen then (a nightly job, a failover, a rare administrative task)"
                    + " will be denied once the policies are in force.");
        }
        Set<String> active = new HashSet<>();
        for (ObservedTraffic.Conn c : traffic.connections) {
            active.add(c.local.key());
        }
        List<String> quiet = locals.stream()
                .map(Workloads.Workload::key)
                .filter(k -> !active.contains(k))
                .toList();
        if (flows > 0 && !quiet.isEmpty()) {
            notes.add("No traffic of " + String.join(", ", quiet) + " was observed: "
                    + (quiet.size() == 1 ? "its policy denies" : "their policies deny")
                    + " everything that reaches tier " + tier + ".");
        }
        if (traffic.unknownPods > 0) {
            notes.add(traffic.unknownPods + (traffic.unknownPods == 1 ? " observation names" : " observations name")
                    + " a pod the cluster does not have, or no valid address; left out.");
        }
        Set<String> observedIds = new HashSet<>();
        for (ObservedTraffic.Conn c : traffic.connections) {
            if (c.status == Status.LEFT_OUT) {
                observedIds.add(c.id);
            }
        }
        long ignored = settings.leaveOut().stream()
                .filter(id -> !observedIds.contains(id))
                .count();
        if (ignored > 0) {
            notes.add(ignored + (ignored == 1 ? " connection" : " connections") + " to leave out did not reach tier "
                    + tier + " in this history and changed nothing.");
        }
        return new History(traffic.observations, flows, connections, first, last, thin, notes);
    }
}
