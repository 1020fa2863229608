package dev.tierdeck.flow.store;

import static dev.tierdeck.flow.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class FlowRetentionTest {

    @Autowired
    FlowPartitions partitions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FlowProperties properties;

    @Autowired
    FlowStore store;

    @Test
    void createsPartitionsAheadAndDropsWholeExpiredDays() {
        Instant now = Instant.parse("2030-03-20T10:00:00Z");
        FlowRetention retention = retentionAt(now, properties);
        // history on 2030-03-01 (expired with 14 days) and 2030-03-10 (kept)
        partitions.ensureFor(List.of(Instant.parse("2030-03-01T12:00:00Z"), Instant.parse("2030-03-10T12:00:00Z")));
        jdbc.update("insert into flow_bucket (bucket_start, key_hash, source_name, source_type, dest_name, dest_type,"
                + " protocol, dest_port, reporter, action, first_start, last_end) values"
                + " ('2030-03-01T12:00:00Z', gen_random_uuid(), 'a', 'Network', 'b', 'Network', 'TCP', 1,"
                + " 'Src', 'Allow', now(), now()),"
                + " ('2030-03-10T12:00:00Z', gen_random_uuid(), 'a', 'Network', 'b', 'Network', 'TCP', 1,"
                + " 'Src', 'Allow', now(), now())");

        List<String> dropped = retention.maintain();

        assertThat(dropped).contains("flow_bucket_p20300301").doesNotContain("flow_bucket_p20300310");
        assertThat(retention.partitions())
                .contains("flow_bucket_p20300310", "flow_bucket_p20300320", "flow_bucket_p20300322")
                .doesNotContain("flow_bucket_p20300301");
        assertThat(jdbc.queryForObject(
                        "select count(*) from flow_bucket where bucket_start >= '2030-03-01' and bucket_start < '2030-03-21'",
                        Long.class))
                .isEqualTo(1);
        dropFutureDays();
    }

    @Test
    void retentionIsConfigurable() {
        FlowProperties threeDays = new FlowProperties(
                Duration.ofDays(3),
                properties.bucket(),
                0,
                properties.importMaxSize(),
                properties.goldmane(),
                properties.demoFeed());
        partitions.ensureFor(List.of(Instant.parse("2032-06-06T00:00:00Z"), Instant.parse("2032-06-08T00:00:00Z")));

        List<String> dropped =
                retentionAt(Instant.parse("2032-06-10T08:00:00Z"), threeDays).maintain();

        assertThat(dropped).contains("flow_bucket_p20320606").doesNotContain("flow_bucket_p20320608");
        dropFutureDays();
    }

    @Test
    void ingestCreatesTheMissingDay() {
        Instant t = Instant.now().minus(Duration.ofDays(5));

        store.ingest(List.of(flow(t, "a", "x-*", "b", "y-*", 1)));

        assertThat(partitions.existing())
                .contains("flow_bucket_p"
                        + LocalDate.ofInstant(t, ZoneOffset.UTC).toString().replace("-", ""));
        assertThat(jdbc.queryForObject("select count(*) from flow_bucket where source_name = 'x-*'", Long.class))
                .isEqualTo(1);
    }

    /** Days far in the future were only made up for these tests. */
    private void dropFutureDays() {
        for (String p : partitions.existing()) {
            if (p.compareTo("flow_bucket_p2030") >= 0) {
                jdbc.execute("drop table " + p);
            }
        }
    }

    private FlowRetention retentionAt(Instant now, FlowProperties props) {
        var clock = new StaticListableBeanFactory(Map.of("clock", Clock.fixed(now, ZoneOffset.UTC)));
        return new FlowRetention(partitions, props, clock.getBeanProvider(Clock.class));
    }
}
