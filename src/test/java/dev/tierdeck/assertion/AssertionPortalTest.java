package dev.tierdeck.assertion;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole portal on embedded PostgreSQL and the built-in demo cluster, without its generated traffic (each test
 * stores the flows it needs); one context shared by the classes that carry this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.flow.demo-feed.enabled=false",
            "tierdeck.database.embedded.database=assertion_test"
        })
@AutoConfigureMockMvc
@interface AssertionPortalTest {}
