package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.BootClasses;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactortimeObservationAutoConfiguration}.
 */
class ReactortimeObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("reactortime.virtual-time=true")
		.withUserConfiguration(RecordingHandlerConfiguration.class)
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
				ReactortimeObservationAutoConfiguration.class, BootClasses.OBSERVATION_AUTO_CONFIGURATION));

	/** With Spring Boot's metrics too, whose meter observation handler times every observation. */
	private final ApplicationContextRunner metricsContextRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(ReactortimeMetricsAutoConfiguration.class,
				BootClasses.METRICS_AUTO_CONFIGURATION, BootClasses.COMPOSITE_METER_REGISTRY_AUTO_CONFIGURATION,
				BootClasses.SIMPLE_METRICS_EXPORT_AUTO_CONFIGURATION));

	@Test
	void callsOfTheAutoConfiguredReactorAreObserved() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReactorObservationListener.class);
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			reactor.callLater("observed", Duration.ZERO, () -> {
			});
			reactor.advance(Duration.ZERO);
			assertThat(context.getBean(RecordingHandlerConfiguration.class).stopped)
				.extracting(Observation.Context::getContextualName)
				.containsExactly("observed");
		});
	}

	@Test
	void runTimeIsTimedOnceByDefaultAlthoughTheObservationStillRuns() {
		this.metricsContextRunner.run((context) -> {
			MeterRegistry registry = runOneCall(context);
			assertThat(registry.get(ReactorMetrics.CALL_DURATION).tag("name", "observed").timer().count()).isOne();
			// Boot's meter observation handler would add these two for the same call.
			assertThat(registry.find("reactortime.call").meters()).isEmpty();
			assertThat(registry.find("reactortime.call.active").meters()).isEmpty();
			assertThat(context.getBean(RecordingHandlerConfiguration.class).stopped)
				.extracting(Observation.Context::getContextualName)
				.containsExactly("observed");
		});
	}

	@Test
	void observationMetersComeBackWhenEnabled() {
		this.metricsContextRunner.withPropertyValues("reactortime.observations.meters.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean("reactortimeObservationMeterFilter");
			MeterRegistry registry = runOneCall(context);
			assertThat(registry.get("reactortime.call").tag("name", "observed").timer().count()).isOne();
			assertThat(registry.get(ReactorMetrics.CALL_DURATION).tag("name", "observed").timer().count()).isOne();
		});
	}

	@Test
	void theObservationTimerCanBeTheOnlyOneAsTheReadmeSays() {
		this.metricsContextRunner
			.withPropertyValues("reactortime.observations.meters.enabled=true",
					"management.metrics.enable.reactortime.call.duration=false")
			.run((context) -> {
				MeterRegistry registry = runOneCall(context);
				assertThat(registry.get("reactortime.call").tag("name", "observed").timer().count()).isOne();
				assertThat(registry.find(ReactorMetrics.CALL_DURATION).meters()).isEmpty();
				assertThat(registry.find(ReactorMetrics.CALL_LAG).meters()).isNotEmpty();
			});
	}

	@Test
	void theObservationMetersOfARenamedObservationAreDeniedUnderItsName() {
		this.metricsContextRunner.withUserConfiguration(ConventionConfiguration.class).run((context) -> {
			MeterRegistry registry = runOneCall(context);
			assertThat(registry.find("custom.call").meters()).isEmpty();
			assertThat(registry.find("custom.call.active").meters()).isEmpty();
			assertThat(registry.get(ReactorMetrics.CALL_DURATION).timer().count()).isOne();
		});
	}

	@Test
	void theMeterFilterNeedsNoMicrometerCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ReactorObservationListener.class)
				.doesNotHaveBean("reactortimeObservationMeterFilter"));
	}

	private static MeterRegistry runOneCall(ApplicationContext context) {
		VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
		reactor.callLater("observed", Duration.ZERO, () -> {
		});
		reactor.advance(Duration.ZERO);
		return context.getBean(MeterRegistry.class);
	}

	@Test
	void conventionBeanReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(ConventionConfiguration.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			reactor.callLater(Duration.ZERO, () -> {
			});
			reactor.advance(Duration.ZERO);
			assertThat(context.getBean(RecordingHandlerConfiguration.class).stopped)
				.extracting(Observation.Context::getName)
				.containsExactly("custom.call");
		});
	}

	@Test
	void backsOffWhenObservationsAreDisabled() {
		this.contextRunner.withPropertyValues("reactortime.observations.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Reactor.class)
				.doesNotHaveBean(ReactorObservationListener.class));
	}

	@Test
	void backsOffWithoutAnObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
					ReactortimeObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(Reactor.class)
				.doesNotHaveBean(ReactorObservationListener.class));
	}

	@Test
	void micrometerObservationIsOptional() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
					ReactortimeObservationAutoConfiguration.class, ReactortimeMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Reactor.class)
				.doesNotHaveBean(ReactorObservationListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHandlerConfiguration {

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
					RecordingHandlerConfiguration.this.stopped.add(context);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		ReactorCallObservationConvention customConvention() {
			return new DefaultReactorCallObservationConvention() {

				@Override
				public String getName() {
					return "custom.call";
				}

			};
		}

	}

}
