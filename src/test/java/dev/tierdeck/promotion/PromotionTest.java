package dev.tierdeck.promotion;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole portal on embedded PostgreSQL (a database of its own) and the demo cluster, with impact previews
 * scripted by the test ({@link ScriptedPreviews}); one context shared by every test class that carries this.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=promotion_test",
            // lost answers are settled by the reconciler: run it often
            "tierdeck.cluster.reconcile-interval=2s"
        })
@AutoConfigureMockMvc
@Import(ScriptedPreviews.Configuration.class)
@interface PromotionTest {}
