package dev.reactortime.autoconfigure.lock;

import javax.sql.DataSource;

import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of locks across instances, when ShedLock is on the classpath: {@link ReactortimeLockProperties},
 * and a {@link JdbcTemplateLockProvider} on the application's {@link DataSource} using the database's time
 * ({@code usingDbTime()}) when {@code shedlock-provider-jdbc-template} is present and the application defines no
 * {@code LockProvider} of its own. Its table is created as {@code reactortime.lock.jdbc.initialize-schema} says.
 * {@code @SchedulerLock} on {@code @Looping} and {@code @CallLater} methods is read by the annotation post-processor;
 * no {@code @EnableSchedulerLock} is needed.
 */
@AutoConfiguration(after = ReactortimeAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration" })
@ConditionalOnClass(name = "net.javacrumbs.shedlock.core.LockProvider")
@ConditionalOnBooleanProperty(name = "reactortime.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReactortimeLockProperties.class)
@Import(ReactortimeLockAutoConfiguration.JdbcLockProviderConfiguration.class)
public final class ReactortimeLockAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider",
			"org.springframework.jdbc.core.JdbcTemplate" })
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnMissingBean(type = "net.javacrumbs.shedlock.core.LockProvider")
	static class JdbcLockProviderConfiguration {

		@Bean
		JdbcTemplateLockProvider reactortimeLockProvider(DataSource dataSource, ReactortimeLockProperties properties) {
			LockTableInitializer.initialize(dataSource, properties.getJdbc());
			return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.withTableName(properties.getJdbc().getTableName())
				.usingDbTime()
				.build());
		}

	}

}
