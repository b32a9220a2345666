package dev.reactortime.autoconfigure.metrics;

import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link ReactorObservationListener}: when Micrometer's observation API is on the classpath and
 * the context has an {@link ObservationRegistry} and a reactor, each call runs inside a {@code reactortime.call}
 * observation. A {@link ReactorCallObservationConvention} bean replaces the default convention;
 * {@code reactortime.observations.enabled=false} turns it off.
 *
 * <p>Ordered after the auto-configuration that creates Boot's {@code ObservationRegistry}, named in both spellings:
 * Boot 4's and Boot 3.5's (the name of the other Boot is simply absent).
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

}
