package dev.tierdeck.audit;

import java.util.List;

/**
 * One page of audit records, newest first.
 *
 * @param page the page number, from 0
 * @param size the page size
 * @param total how many records match the query on all pages
 */
public record AuditPage(List<AuditRecord> records, int page, int size, long total) {

    public AuditPage {
        records = List.copyOf(records);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public long totalPages() {
        return (total + size - 1) / size;
    }
}
