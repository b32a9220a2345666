package dev.reactortime.autoconfigure.durable;

import javax.sql.DataSource;

import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.autoconfigure.SchemaInitialization;
import dev.reactortime.durable.DurableCallListener;
import dev.reactortime.durable.DurableCalls;
import dev.reactortime.durable.DurableSchema;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of durable calls: a {@link DurableCalls} bean on the context's {@link DataSource}, with a task
 * for each {@code @DurableTask} method, woken on time by the {@link Reactor} (on virtual time with a
 * {@link VirtualTimeReactor}), started and stopped with the context.
 * Present when {@code scheduler-durable} is on the classpath and the context has one {@code DataSource};
 * {@code reactortime.durable.enabled=false} turns it off. The table is created per
 * {@code reactortime.durable.initialize-schema}.
 *
 * <p>Ordered after the DataSource auto-configurations of Boot 4 and Boot 3.5, named as strings so that neither must
 * be present.
 */
@AutoConfiguration(after = ReactortimeAutoConfiguration.class, afterName = {
		// Spring Boot 4.0
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		// Spring Boot 3.5
		"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = "dev.reactortime.durable.DurableCalls")
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "reactortime.durable.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DurableCallsProperties.class)
public final class DurableCallsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DurableCalls durableCalls(DataSource dataSource, DurableCallsProperties properties,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<Reactor> reactor,
			ObjectProvider<DurableCallListener> listeners) {
		initializeSchema(dataSource, properties.getInitializeSchema(), properties.getTableName());
		DurableTaskMethods methods = new DurableTaskMethods(beanFactory);
		// A VirtualTimeReactor (reactortime.virtual-time=true) puts durable calls on virtual time: they run when a
		// test advances it.
		Reactor wakeUpReactor = reactor.getIfUnique();
		if (!properties.isWakeUps() && !(wakeUpReactor instanceof VirtualTimeReactor)) {
			wakeUpReactor = null;
		}
		DurableCalls.Builder builder = DurableCalls.builder(dataSource)
			.reactor(wakeUpReactor)
			.tableName(properties.getTableName())
			.pollingInterval(properties.getPollingInterval())
			.wakeUpRefresh(properties.getWakeUpRefresh())
			.threads(properties.getThreads())
			.heartbeatInterval(properties.getHeartbeatInterval())
			.missedHeartbeatsLimit(properties.getMissedHeartbeatsLimit())
			.shutdownMaxWait(properties.getShutdownMaxWait())
			.retries(properties.getRetry().getMaxRetries(), properties.getRetry().getBackoff(),
					properties.getRetry().getBackoffRate());
		if (!properties.getInstanceName().isBlank()) {
			builder.instanceName(properties.getInstanceName());
		}
		DurableCallListener listener = listeners.getIfUnique();
		if (listener != null) {
			builder.listener(listener);
		}
		methods.declare(builder);
		return builder.build();
	}

	@Bean
	@ConditionalOnSingleCandidate(DurableCalls.class)
	DurableCallsLifecycle durableCallsLifecycle(DurableCalls calls) {
		return new DurableCallsLifecycle(calls);
	}

	static void initializeSchema(DataSource dataSource, SchemaInitialization mode, String tableName) {
		if (mode.appliesTo(dataSource)) {
			DurableSchema.create(dataSource, tableName);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnBooleanProperty(name = "reactortime.metrics.enabled", matchIfMissing = true)
	static class DurableCallMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableCallMetrics durableCallMetrics(MeterRegistry registry) {
			return new DurableCallMetrics(registry);
		}

	}

}
