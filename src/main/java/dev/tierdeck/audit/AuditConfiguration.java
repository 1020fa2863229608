package dev.tierdeck.audit;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(DataSource dataSource, PlatformTransactionManager transactions, AuditProperties properties) {
        return new JdbcAuditLog(dataSource, transactions, properties.pageSize());
    }
}
