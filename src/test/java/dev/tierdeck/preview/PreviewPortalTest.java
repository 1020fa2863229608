package dev.tierdeck.preview;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole portal on embedded PostgreSQL and a demo cluster seeded with {@code preview/cluster.yaml}; one context
 * shared by every test class that carries this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.cluster.demo.seed=classpath:preview/cluster.yaml",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=preview_test",
            "tierdeck.tier.initial.security.locked=true",
            "tierdeck.tier.initial.security.owners=tierdeck-security-admins",
            "tierdeck.tier.initial.security.purpose=Organisation-wide security rules"
        })
@AutoConfigureMockMvc
@interface PreviewPortalTest {}
