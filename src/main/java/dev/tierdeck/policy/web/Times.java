package dev.tierdeck.policy.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the pages print them: minutes, in UTC, said so. */
enum Times {
    UTC;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String text(Instant instant) {
        return FORMAT.format(instant);
    }
}
