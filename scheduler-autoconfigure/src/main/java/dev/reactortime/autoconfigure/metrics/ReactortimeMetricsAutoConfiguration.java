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
 *
 * <p>Ordered after the auto-configurations that create Boot's {@code MeterRegistry}, so that the
 * {@code @ConditionalOnBean} sees it. They are named in both spellings, Boot 4's ({@code org.springframework.boot.micrometer
 * .metrics.autoconfigure}) and Boot 3.5's ({@code org.springframework.boot.actuate.autoconfigure.metrics}): the names
 * of the other Boot are simply absent. Never name them by class literal, or the class would not load on the other.
 */
@AutoConfiguration(after = ReactortimeAutoConfiguration.class, afterName = {
		// Spring Boot 4.0
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		// Spring Boot 3.5
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
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
