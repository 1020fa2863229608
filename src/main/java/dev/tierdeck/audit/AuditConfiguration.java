package dev.tierdeck.audit;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AuditIntents auditIntents(DataSource dataSource, AuditLog auditLog, PlatformTransactionManager transactions) {
        return new JdbcAuditIntents(JdbcClient.create(dataSource), auditLog, transactions, Clock.systemUTC());
    }

    @Bean
    AuditLog auditLog(DataSource dataSource, PlatformTransactionManager transactions, AuditProperties properties) {
        return new JdbcAuditLog(dataSource, transactions, properties.pageSize());
    }
}
