package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;

import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.BootClasses;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactortimeMetricsAutoConfiguration}.
 */
class ReactortimeMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("reactortime.virtual-time=true")
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
				ReactortimeMetricsAutoConfiguration.class, BootClasses.METRICS_AUTO_CONFIGURATION,
				BootClasses.COMPOSITE_METER_REGISTRY_AUTO_CONFIGURATION,
				BootClasses.SIMPLE_METRICS_EXPORT_AUTO_CONFIGURATION));

	@Test
	void callsOfTheAutoConfiguredReactorAreRecordedInTheMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReactorMetrics.class);
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			reactor.callLater("hello", Duration.ofSeconds(1), () -> {
			});
			reactor.callLater("later", Duration.ofSeconds(5), () -> {
			});
			assertThat(registry.get(ReactorMetrics.CALLS_PENDING).gauge().value()).isEqualTo(2);

			reactor.advance(Duration.ofSeconds(1));
			assertThat(registry.get(ReactorMetrics.CALL_LAG).tag("name", "hello").timer().count()).isOne();
			assertThat(registry.get(ReactorMetrics.CALL_DURATION).tag("name", "hello").timer().count()).isOne();
			assertThat(registry.get(ReactorMetrics.CALLS_PENDING).gauge().value()).isOne();
		});
	}

	@Test
	void percentilesHistogramPropertyOfSpringBootGivesTheLagTimerBuckets() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(BootClasses.PROMETHEUS_METRICS_EXPORT_AUTO_CONFIGURATION))
			.withPropertyValues("management.metrics.distribution.percentiles-histogram.reactortime.call.lag=true")
			.run((context) -> {
				VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
				reactor.callLater("a", Duration.ZERO, () -> reactor.busy(Duration.ofMillis(1500)));
				reactor.callLater("b", Duration.ofSeconds(1), () -> {
				});
				reactor.advance(Duration.ofSeconds(2));

				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				Timer lag = registry.get(ReactorMetrics.CALL_LAG).tag("name", "b").timer();
				assertThat(lag.takeSnapshot().histogramCounts()).isNotEmpty();
				Timer duration = registry.get(ReactorMetrics.CALL_DURATION).tag("name", "b").timer();
				assertThat(duration.takeSnapshot().histogramCounts()).isEmpty();
				assertThat(registry.scrape()).contains("reactortime_call_lag_seconds_bucket{")
					.doesNotContain("reactortime_call_duration_seconds_bucket{");
			});
	}

	@Test
	void closingTheContextTakesTheMetersOutOfARegistryThatOutlivesIt() {
		// Boot 3.5 leaves the registries of a closed context in Micrometer's global registry: the pending gauge must
		// not keep the reactor (and through it the context) reachable from there.
		SimpleMeterRegistry outliving = new SimpleMeterRegistry();
		this.contextRunner.withBean("outliving", MeterRegistry.class, () -> outliving).run((context) -> {
			context.getBean(VirtualTimeReactor.class).callLater("hello", Duration.ZERO, () -> {
			});
			context.getBean(VirtualTimeReactor.class).advance(Duration.ZERO);
			assertThat(outliving.find(ReactorMetrics.CALLS_PENDING).gauge()).isNotNull();
			assertThat(outliving.find(ReactorMetrics.CALL_LAG).timer()).isNotNull();
		});
		assertThat(outliving.getMeters()).noneMatch((meter) -> meter.getId().getName().startsWith("reactortime."));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ReactortimeAutoConfiguration.class, ReactortimeMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(Reactor.class).doesNotHaveBean(ReactorMetrics.class));
	}

	@Test
	void micrometerIsOptional() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withConfiguration(
					AutoConfigurations.of(ReactortimeAutoConfiguration.class, ReactortimeMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Reactor.class).doesNotHaveBean(ReactorMetrics.class);
				VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
				boolean[] ran = new boolean[1];
				reactor.callLater(Duration.ZERO, () -> ran[0] = true);
				reactor.advance(Duration.ZERO);
				assertThat(ran[0]).isTrue();
			});
	}

	@Test
	void backsOffWhenMetricsAreDisabled() {
		this.contextRunner.withPropertyValues("reactortime.metrics.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Reactor.class)
				.hasSingleBean(MeterRegistry.class)
				.doesNotHaveBean(ReactorMetrics.class));
	}

	@Test
	void backsOffWhenReactortimeIsDisabled() {
		this.contextRunner.withPropertyValues("reactortime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Reactor.class).doesNotHaveBean(ReactorMetrics.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnReactorMetrics() {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ReactorMetrics.class)
				.getBean(ReactorMetrics.class)
				.isSameAs(context.getBean("userMetrics")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		@Bean
		ReactorMetrics userMetrics() {
			return new ReactorMetrics(() -> null);
		}

	}

}
