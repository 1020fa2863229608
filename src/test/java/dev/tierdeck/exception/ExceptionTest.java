package dev.tierdeck.exception;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole portal on embedded PostgreSQL (a database of its own) and the demo cluster. The expiry job's schedule is
 * left out of the way (an hour); tests run its passes themselves, so each step is seen in order. Exceptions may be as
 * short as a second.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=exception_test",
            "tierdeck.flow.demo-feed.enabled=false",
            "tierdeck.cluster.reconcile-interval=2s",
            "tierdeck.exception.sweep-interval=PT1H",
            "tierdeck.exception.minimum-duration=PT1S",
            "tierdeck.exception.remind-before=PT1H"
        })
@AutoConfigureMockMvc
@interface ExceptionTest {}
