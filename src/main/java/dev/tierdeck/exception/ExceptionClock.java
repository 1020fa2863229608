package dev.tierdeck.exception;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The clock exceptions expire by: the system's, in one place so that a test may hold its own instance. */
@Component
@EnableConfigurationProperties(ExceptionProperties.class)
class ExceptionClock {

    private final Clock clock = Clock.systemUTC();

    Clock clock() {
        return clock;
    }
}
