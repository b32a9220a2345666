package dev.reactortime.autoconfigure.actuate;

import dev.reactortime.Reactor;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link DelayedCallsEndpoint} ({@code delayedcalls}): present when Actuator is on the classpath, the
 * context has one {@link Reactor}, and the endpoint is available (exposed, and its access not {@code none}).
 */
@AutoConfiguration(after = ReactortimeAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
public final class DelayedCallsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(Reactor.class)
	@ConditionalOnAvailableEndpoint
	DelayedCallsEndpoint delayedCallsEndpoint(Reactor reactor) {
		return new DelayedCallsEndpoint(reactor);
	}

}
