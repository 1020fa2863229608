package dev.tierdeck.audit;

import java.util.Locale;
import java.util.Optional;

/** The file formats of an audit export. */
public enum ExportFormat {
    /** RFC 4180, one record per row, cells that a spreadsheet would run as a formula defused. */
    CSV("text/csv", "csv"),
    /** A JSON array of records, exactly as stored (the form to re-verify the hashes from). */
    JSON("application/json", "json");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code csv} or {@code json}, in any case. */
    public static Optional<ExportFormat> parse(String name) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
