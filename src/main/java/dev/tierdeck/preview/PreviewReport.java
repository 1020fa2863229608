package dev.tierdeck.preview;

import dev.tierdeck.policy.PolicyRef;
import java.util.ArrayList;
import java.util.List;

/**
 * A preview as the page shows it: the totals, a bar per group (longest for the most connections; each bar is inline
 * SVG sized by attributes, as the Content-Security-Policy forbids inline styles), and the groups themselves.
 */
record PreviewReport(PolicyRef ref, PreviewWindow window, ImpactPreview preview) {

    /** How many groups the chart shows; the table lists them all. */
    static final int CHART_BARS = 10;

    /**
     * @param width share of the chart's width, 1 to 100
     */
    record Bar(String label, long count, boolean denied, int width) {}

    public List<Bar> bars() {
        List<ImpactPreview.FlowChange> changes = preview.changes();
        long max = changes.stream()
                .mapToLong(ImpactPreview.FlowChange::count)
                .max()
                .orElse(1);
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < Math.min(CHART_BARS, changes.size()); i++) {
            ImpactPreview.FlowChange c = changes.get(i);
            out.add(new Bar(
                    c.source() + " → " + c.destination() + " " + c.protocol() + (c.port() == 0 ? "" : "/" + c.port()),
                    c.count(),
                    c.after().equals("Deny"),
                    (int) Math.max(1, Math.round(100.0 * c.count() / max))));
        }
        return out;
    }

    public boolean empty() {
        return preview.flows() == 0;
    }

    /** Base URL of this preview, without the window. */
    public String path() {
        return pathOf(ref);
    }

    static String pathOf(PolicyRef ref) {
        return ref.isGlobal()
                ? "/global-policies/" + ref.name() + "/preview"
                : "/namespaces/" + ref.namespace() + "/policies/" + ref.name() + "/preview";
    }
}
