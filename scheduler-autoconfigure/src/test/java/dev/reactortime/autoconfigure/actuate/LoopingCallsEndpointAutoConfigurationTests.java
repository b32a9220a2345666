package dev.reactortime.autoconfigure.actuate;

import dev.reactortime.Reactor;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopingCallsEndpointAutoConfiguration}.
 */
class LoopingCallsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ReactortimeAutoConfiguration.class, LoopingCallsEndpointAutoConfiguration.class));

	@Test
	void endpointIsPresentWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=loopingcalls")
			.run((context) -> assertThat(context).hasSingleBean(LoopingCallsEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(Reactor.class)
			.doesNotHaveBean(LoopingCallsEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenItsAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=loopingcalls",
					"management.endpoint.loopingcalls.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(LoopingCallsEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutAReactor() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=loopingcalls", "reactortime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LoopingCallsEndpoint.class));
	}

	@Test
	void actuatorIsOptional() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("management.endpoints.web.exposure.include=loopingcalls")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Reactor.class)
				.doesNotHaveBean(LoopingCallsEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenTheApplicationDefinesItsOwn() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=loopingcalls")
			.run((context) -> assertThat(context).hasSingleBean(LoopingCallsEndpoint.class)
				.getBean(LoopingCallsEndpoint.class)
				.isSameAs(context.getBean("userEndpoint")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		LoopingCallsEndpoint userEndpoint(Reactor reactor) {
			return new LoopingCallsEndpoint(reactor);
		}

	}

}
