package dev.tierdeck.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the team table from {@code tierdeck.tenancy.teams} on the first start, when it is empty. Once an admin has
 * teams (even after deleting them all down to one), the configuration is never read again.
 */
@Component
class TeamSeeding implements ApplicationRunner {

    static final String BY = "Tierdeck configuration";

    private static final Logger log = LoggerFactory.getLogger(TeamSeeding.class);

    private final JdbcClient jdbc;
    private final TeamStore teams;
    private final TenancyProperties properties;
    private final TransactionTemplate transaction;

    TeamSeeding(
            JdbcClient jdbc, TeamStore teams, TenancyProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.teams = teams;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    /** The teams it recorded; none when the table already had teams. */
    List<String> seed() {
        List<String> seeded = transaction.execute(status -> seedInTransaction());
        if (seeded != null && !seeded.isEmpty()) {
            log.info("Seeded the teams {} from tierdeck.tenancy.teams", seeded);
        }
        return seeded == null ? List.of() : seeded;
    }

    private List<String> seedInTransaction() {
        // Replicas starting together: the lock lets exactly one of them see the empty table.
        jdbc.sql("lock table team in share row exclusive mode").update();
        long existing = jdbc.sql("select count(*) from team").query(Long.class).single();
        List<String> seeded = new ArrayList<>();
        if (existing > 0) {
            return seeded;
        }
        for (Map.Entry<String, List<String>> entry : properties.teams().entrySet()) {
            String name = entry.getKey();
            Team team = new Team(
                    name,
                    "",
                    List.of(properties.teamGroupPrefix() + name),
                    entry.getValue(),
                    properties.approverGroups().getOrDefault(name, List.of()));
            List<TeamField> problems = teams.problems(team);
            if (!problems.isEmpty()) {
                log.warn("Not seeding team {} from tierdeck.tenancy.teams: {}", name, problems);
                continue;
            }
            if (teams.insertIfAbsent(team, BY)) {
                seeded.add(name);
            }
        }
        return seeded;
    }
}
