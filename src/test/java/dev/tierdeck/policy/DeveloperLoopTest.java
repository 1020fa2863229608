package dev.tierdeck.policy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole portal on embedded PostgreSQL and a demo cluster seeded with {@code policy/cluster.yaml}; one context
 * shared by every test class that carries this annotation. The platform tier is confidential.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.cluster.demo.seed=classpath:policy/cluster.yaml",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=developer_loop_test",
            "tierdeck.tier.initial.security.locked=true",
            "tierdeck.tier.initial.security.owners=tierdeck-security-admins",
            "tierdeck.tier.initial.security.purpose=Organisation-wide security rules",
            "tierdeck.tier.initial.platform.locked=true",
            "tierdeck.tier.initial.platform.owners=tierdeck-platform-admins",
            "tierdeck.tier.initial.platform.purpose=Shared platform services",
            "tierdeck.tier.initial.platform.confidential=true"
        })
@AutoConfigureMockMvc
public @interface DeveloperLoopTest {}
