package dev.tierdeck.system.database;

import dev.tierdeck.system.leader.LeaderLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Deletes expired HTTP sessions on one replica at a time. Spring Session's own clean-up would run the same
 * delete on every replica every minute ({@code spring.session.jdbc.cleanup-cron} is therefore switched off);
 * here only the leader of {@value #TASK} does it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ExpiredSessionCleanup implements SchedulingConfigurer {

    static final String TASK = "session-cleanup";

    private final ObjectProvider<JdbcIndexedSessionRepository> sessions;
    private final LeaderLock leaderLock;
    private final DatabaseProperties properties;

    ExpiredSessionCleanup(
            ObjectProvider<JdbcIndexedSessionRepository> sessions,
            LeaderLock leaderLock,
            DatabaseProperties properties) {
        this.sessions = sessions;
        this.leaderLock = leaderLock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        sessions.ifAvailable(repository -> registrar.addFixedDelayTask(
                () -> leaderLock.runIfLeader(TASK, repository::cleanUpExpiredSessions),
                properties.sessionCleanupInterval()));
    }
}
