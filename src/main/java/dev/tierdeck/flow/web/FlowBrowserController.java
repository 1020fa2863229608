package dev.tierdeck.flow.web;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowPage;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.StoredFlow;
import dev.tierdeck.flow.TimeWindow;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The flow browser: search stored flows by namespace, workload, port, action, pending action, policy and time
 * window (one of the fixed windows back from now, or free from/to times, see {@link TimeWindow}), with both traces and a mark where the engine, on current policy, predicts another verdict than the one
 * recorded. A plain GET form; htmx swaps only the results. A step decided by a policy the user may not read names
 * the policy's owner instead ({@link TraceDisclosure}).
 */
@Controller
class FlowBrowserController {

    static final int PAGE_SIZE = 50;

    /** The search form; every field optional. */
    record Search(
            @Nullable String namespace,
            @Nullable String workload,
            @Nullable Integer port,
            @Nullable FlowAction action,
            @Nullable FlowAction pendingAction,
            @Nullable String policy,
            @Nullable Window window,
            @Nullable String from,
            @Nullable String to,
            @Nullable Integer page) {

        public Window windowOrDefault() {
            return window == null ? Window.H1 : window;
        }

        public int pageOrFirst() {
            return page == null || page < 0 ? 0 : page;
        }
    }

    /** The time windows offered, back from now. */
    enum Window {
        M15("last 15 minutes", Duration.ofMinutes(15)),
        H1("last hour", Duration.ofHours(1)),
        H6("last 6 hours", Duration.ofHours(6)),
        D1("last day", Duration.ofDays(1)),
        D3("last 3 days", Duration.ofDays(3)),
        D14("last 14 days", Duration.ofDays(14));

        final String label;
        final Duration length;

        Window(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() {
            return label;
        }
    }

    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /**
     * One table row.
     *
     * @param enforced the recorded enforced trace as the user may see it
     * @param pending the recorded pending trace as the user may see it
     */
    record Row(
            StoredFlow stored,
            FlowPredictions.@Nullable Prediction prediction,
            List<TraceDisclosure.ShownHit> enforced,
            List<TraceDisclosure.ShownHit> pending) {
        public FlowRecord flow() {
            return stored.flow();
        }

        /** The bucket's start, to the minute, in UTC; the year is in the element's title. */
        public String time() {
            return SHORT.format(stored.bucket());
        }
    }

    private final FlowStore store;
    private final FlowVisibility visibility;
    private final FlowPredictions predictions;
    private final Permissions permissions;
    private final Clock clock;

    FlowBrowserController(
            FlowStore store,
            FlowVisibility visibility,
            FlowPredictions predictions,
            Permissions permissions,
            ObjectProvider<Clock> clock) {
        this.store = store;
        this.visibility = visibility;
        this.predictions = predictions;
        this.permissions = permissions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/flows")
    String page(CurrentUser user, @ModelAttribute("search") Search search, Model model) {
        fill(user, search, model);
        return "flows/index";
    }

    @HxRequest
    @GetMapping("/flows")
    String results(CurrentUser user, @ModelAttribute("search") Search search, Model model) {
        fill(user, search, model);
        return "flows/index :: results";
    }

    private void fill(CurrentUser user, Search search, Model model) {
        model.addAttribute("windows", Window.values());
        model.addAttribute("actions", FlowAction.values());
        Set<String> own = visibility.namespaces(user, null);
        model.addAttribute("namespaces", own == null ? List.of() : own);
        Set<String> namespaces;
        try {
            namespaces = visibility.namespaces(
                    user,
                    search.namespace() == null || search.namespace().isBlank() ? null : List.of(search.namespace()));
        } catch (FlowVisibility.NotVisible e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("rows", List.of());
            return;
        }
        TimeWindow range;
        try {
            range = TimeWindow.of(search.from(), search.to(), search.windowOrDefault().length, clock.instant());
        } catch (TimeWindow.Invalid e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("rows", List.of());
            return;
        }
        model.addAttribute("range", range);
        FlowFilter filter = new FlowFilter(
                range.from(),
                range.to(),
                namespaces,
                search.action(),
                search.pendingAction(),
                blankToNull(search.workload()),
                search.port(),
                blankToNull(search.policy()));
        FlowPage page = store.query(filter, search.pageOrFirst(), PAGE_SIZE);
        Map<FlowRecord, FlowPredictions.Prediction> predicted =
                predictions.predict(page.items().stream().map(StoredFlow::flow).toList());
        PolicyDisclosure reader = permissions.disclosureTo(user);
        model.addAttribute("page", page);
        model.addAttribute(
                "rows",
                page.items().stream()
                        .map(s -> new Row(
                                s,
                                predicted.get(s.flow()),
                                TraceDisclosure.shown(s.flow().enforced(), reader),
                                TraceDisclosure.shown(s.flow().pending(), reader)))
                        .toList());
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
