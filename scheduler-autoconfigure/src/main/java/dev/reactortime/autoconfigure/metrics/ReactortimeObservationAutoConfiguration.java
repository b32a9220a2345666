package dev.reactortime.autoconfigure.metrics;

import java.util.Set;

import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of {@link ReactorObservationListener}: when Micrometer's observation API is on the classpath and
 * the context has an {@link ObservationRegistry} and a reactor, each call runs inside a {@code reactortime.call}
 * observation. A {@link ReactorCallObservationConvention} bean replaces the default convention;
 * {@code reactortime.observations.enabled=false} turns it off.
 *
 * <p>Ordered after the auto-configuration that creates Boot's {@code ObservationRegistry}, named in both spellings:
 * Boot 4's and Boot 3.5's (the name of the other Boot is simply absent).
 *
 * <p>The observation is there for traces. Spring Boot's meter observation handler would also time it, as a
 * {@code reactortime.call} timer and a {@code reactortime.call.active} long task timer, beside
 * {@code reactortime.call.duration} of {@link ReactorMetrics}: a {@link MeterFilter} denies those two, so that run
 * time has one source; {@code reactortime.observations.meters.enabled=true} keeps them.
 */
@AutoConfiguration(after = ReactortimeAutoConfiguration.class, afterName = {
		// Spring Boot 4.0
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		// Spring Boot 3.5
		"org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnBean(type = { "io.micrometer.observation.ObservationRegistry", "dev.reactortime.Reactor" })
@ConditionalOnBooleanProperty(name = "reactortime.observations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReactortimeObservationProperties.class)
public final class ReactortimeObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactorObservationListener reactorObservationListener(ObservationRegistry observationRegistry,
			ObjectProvider<ReactorCallObservationConvention> convention) {
		return new ReactorObservationListener(observationRegistry, convention.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.config.MeterFilter")
	@ConditionalOnBooleanProperty(name = "reactortime.observations.meters.enabled", havingValue = false,
			matchIfMissing = true)
	static class ObservationMetersConfiguration {

		// Named after the convention in use: a convention that renames the observation renames these meters too.
		@Bean
		MeterFilter reactortimeObservationMeterFilter(ObjectProvider<ReactorCallObservationConvention> convention) {
			ReactorCallObservationConvention custom = convention.getIfUnique();
			String name = (custom != null) ? custom.getName() : DefaultReactorCallObservationConvention.NAME;
			Set<String> denied = (name != null) ? Set.of(name, name + ".active") : Set.of();
			return MeterFilter.deny((id) -> denied.contains(id.getName()));
		}

	}

}
