package dev.reactortime.autoconfigure.metrics;

import java.util.function.Supplier;

import dev.reactortime.Reactor;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of {@link ReactorMetrics}: when Micrometer is on the classpath and the context has a
 * {@code MeterRegistry} and a {@link Reactor}, the reactor's meters are recorded. Spring Boot binds the
 * {@code MeterBinder} to its registry; the auto-configured reactor hears it as a {@code ReactorListener} bean.
 * {@code reactortime.metrics.enabled=false} turns it off.
 */
@AutoConfiguration(after = ReactortimeAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(type = { "io.micrometer.core.instrument.MeterRegistry", "dev.reactortime.Reactor" })
@ConditionalOnBooleanProperty(name = "reactortime.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReactortimeMetricsProperties.class)
public final class ReactortimeMetricsAutoConfiguration {

	// The reactor is looked up when the gauge is read, not injected: the auto-configured reactor is created with its
	// listener beans (this one among them), so injecting it here would be a cycle.
	@Bean
	@ConditionalOnMissingBean
	ReactorMetrics reactorMetrics(ObjectProvider<Reactor> reactor) {
		Supplier<@Nullable Reactor> lookup = reactor::getIfUnique;
		return new ReactorMetrics(SingletonSupplier.of(lookup));
	}

}
