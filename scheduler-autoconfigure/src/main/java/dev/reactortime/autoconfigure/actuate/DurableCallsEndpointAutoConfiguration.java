package dev.reactortime.autoconfigure.actuate;

import dev.reactortime.autoconfigure.durable.DurableCallsAutoConfiguration;
import dev.reactortime.durable.DurableCalls;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link DurableCallsEndpoint} ({@code durablecalls}): present when Actuator and
 * {@code scheduler-durable} are on the classpath, the context has one {@link DurableCalls}, and the endpoint is
 * available.
 */
@AutoConfiguration(after = DurableCallsAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint",
		"dev.reactortime.durable.DurableCalls" })
public final class DurableCallsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(DurableCalls.class)
	@ConditionalOnAvailableEndpoint
	DurableCallsEndpoint durableCallsEndpoint(DurableCalls calls) {
		return new DurableCallsEndpoint(calls);
	}

}
