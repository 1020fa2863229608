package dev.tierdeck.audit;

import java.io.IOException;

/** Writes exported audit records one after the other, so that an export never holds the whole trail in memory. */
interface RecordWriter {

    void begin() throws IOException;

    void write(AuditRecord record) throws IOException;

    /** Finishes the document and flushes; the underlying stream stays open. */
    void end() throws IOException;
}
