package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.reactortime.VirtualTimeReactor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics and observations in a real Spring Boot application, where the {@code MeterRegistry} and the
 * {@code ObservationRegistry} come from Boot's own auto-configurations and nothing lists or orders auto-configurations
 * by hand: only the ordering that reactortime's auto-configurations declare puts them after Boot's, so that their
 * {@code @ConditionalOnBean} sees the registries. Boot 3.5 and Boot 4 name Boot's auto-configurations differently
 * (the {@code boot35} build runs these tests on 3.5).
 */
class ObservabilityInABootApplicationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void theLagTimerIsInTheRegistryThatBootAutoConfigured() {
		this.context = run();
		assertThat(this.context.getBeansOfType(ReactorMetrics.class)).hasSize(1);
		VirtualTimeReactor reactor = this.context.getBean(VirtualTimeReactor.class);
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);

		reactor.callLater("hello", Duration.ofSeconds(1), () -> reactor.busy(Duration.ofMillis(20)));
		reactor.callLater("later", Duration.ofSeconds(1), () -> {
		});
		assertThat(registry.get(ReactorMetrics.CALLS_PENDING).gauge().value()).isEqualTo(2);
		reactor.advance(Duration.ofSeconds(1));

		Timer lag = registry.find(ReactorMetrics.CALL_LAG).tags("name", "later", "kind", "call").timer();
		assertThat(lag).as("reactortime.call.lag of 'later' in Boot's registry").isNotNull();
		assertThat(lag.count()).isOne();
		assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(20);
		assertThat(registry.get(ReactorMetrics.CALL_DURATION).tag("name", "hello").timer().count()).isOne();
		assertThat(registry.get(ReactorMetrics.CALLS_PENDING).gauge().value()).isZero();
	}

	@Test
	void eachCallRunsInAnObservationOfTheRegistryThatBootAutoConfigured() {
		this.context = run();
		assertThat(this.context.getBeansOfType(ReactorObservationListener.class)).hasSize(1);
		VirtualTimeReactor reactor = this.context.getBean(VirtualTimeReactor.class);

		reactor.callLater("observed", Duration.ZERO, () -> {
		});
		reactor.advance(Duration.ZERO);

		assertThat(this.context.getBean(ObservedApplication.class).stopped)
			.filteredOn((observed) -> "reactortime.call".equals(observed.getName()))
			.extracting(Observation.Context::getContextualName)
			.containsExactly("observed");
	}

	private static ConfigurableApplicationContext run() {
		return new SpringApplicationBuilder(ObservedApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("reactortime.virtual-time=true", "spring.main.banner-mode=off")
			.run();
	}

	/**
	 * An application with Boot's auto-configuration and nothing of its own but an observation handler that records
	 * the observations it sees stop (Boot registers {@code ObservationHandler} beans with its registry).
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ObservedApplication {

		final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		@Bean
		ObservationHandler<Observation.Context> recordingHandler() {
			return new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					ObservedApplication.this.stopped.add(context);
				}

			};
		}

	}

}
