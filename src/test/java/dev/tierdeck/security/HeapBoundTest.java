package dev.tierdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.tierdeck.promotion.PermissionTableTest.Who;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A flood of distinct inputs does not stay on the heap: selectors through the editor's form and the policy API (long
 * ones, and thousands of distinct short ones for the parse caches), explanations of distinct flows and flow imports.
 * After the flood and a full collection, the heap in use has grown by less than a fixed bound. Not a timing test:
 * only retained memory counts.
 */
@SecuritySuiteTest
class HeapBoundTest {

    /** Far below what unbounded caches kept of the same flood (hundreds of megabytes), far above the noise. */
    static final long BOUND = 48L * 1024 * 1024;

    @Autowired
    MockMvc mvc;

    @Test
    void aFloodOfDistinctInputsLeavesTheHeapWithinABound() throws Exception {
        flood(20); // warm up: classes, templates and the pools of a first request are not what is measured
        long before = retained();

        flood(300);

        long grown = retained() - before;
        System.out.printf("retained heap after the flood: %+d MB%n", grown / (1024 * 1024));
        assertThat(grown)
                .as("retained heap grew by %d MB", grown / (1024 * 1024))
                .isLessThan(BOUND);
    }

    private void flood(int rounds) throws Exception {
        Random random = new Random(rounds);
        String huge = "a == '" + "x".repeat(1_000_000) + "'";
        for (int i = 0; i < rounds; i++) {
            String distinct = "app == '" + Long.toHexString(random.nextLong()) + "x".repeat(900) + i + "'";
            // a third of them a megabyte long: unbounded, the parse cache kept them all (hundreds of megabytes)
            String selector = i % 3 == 0 ? huge.replace("a ==", "a" + i + " ==") : distinct;
            mvc.perform(post("/namespaces/payments/policies/new")
                    .with(Who.PLATFORM_ADMIN.session())
                    .with(csrf())
                    .accept(MediaType.TEXT_HTML)
                    .param("name", "heap-" + i)
                    .param("selector.mode", "expression")
                    .param("selector.expression", selector)
                    .param("_action", "validate"));
            mvc.perform(put("/api/v1/namespaces/payments/policies/heap-" + i)
                    .with(Who.PLATFORM_ADMIN.token())
                    .contentType("application/yaml")
                    .content("apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: heap-" + i
                            + ", namespace: payments}\nspec:\n  tier: default\n  selector: \"" + selector
                            + "\"\n  types: [Ingress]\n  ingress: [{action: Deny, source: {selector: \"" + distinct
                            + "\"}}]\n"));
            mvc.perform(post("/api/v1/explain")
                    .with(Who.PLATFORM_ADMIN.token())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"id\":\"h" + i + "\",\"source\":{\"ip\":\"10." + (i % 250) + "." + random.nextInt(250)
                            + ".1\"},\"destination\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},"
                            + "\"protocol\":\"TCP\",\"port\":" + (1 + random.nextInt(65_000)) + "}"));
        }
    }

    private static long retained() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
