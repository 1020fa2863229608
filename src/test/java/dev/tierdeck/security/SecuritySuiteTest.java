package dev.tierdeck.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;

/**
 * The whole portal on a real port, with embedded PostgreSQL (a database of the suite's own, since its cases create
 * tiers, teams and policies by the hundred) and the demo cluster; one context for the suite's classes that carry it.
 * MockMvc prints nothing: by default it keeps every request and response of a test on its thread to print them if the
 * test fails, which for the fuzzer and the heap bound means thousands of bodies, up to a megabyte each, held until the
 * test ends (the suite's assertions name the request and the answer themselves).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=security_suite",
            "tierdeck.flow.demo-feed.enabled=false"
        })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@interface SecuritySuiteTest {}
