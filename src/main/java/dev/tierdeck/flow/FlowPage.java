package dev.tierdeck.flow;

import java.util.List;

/** One page of a query, newest bucket first; {@code page} counts from 0. */
public record FlowPage(List<StoredFlow> items, int page, int pageSize, long total) {

    public FlowPage {
        items = List.copyOf(items);
    }

    public int totalPages() {
        return (int) ((total + pageSize - 1) / pageSize);
    }
}
