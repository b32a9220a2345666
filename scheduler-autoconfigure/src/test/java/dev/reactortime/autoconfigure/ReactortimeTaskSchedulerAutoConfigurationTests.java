package dev.reactortime.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint.LoopingCallDescriptor;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpointAutoConfiguration;
import dev.reactortime.autoconfigure.metrics.ReactorMetrics;
import dev.reactortime.autoconfigure.metrics.ReactortimeMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactortimeTaskSchedulerAutoConfiguration}: {@code @Scheduled} methods on the reactor, driven by
 * virtual time with exact counts and listed by the {@code loopingcalls} endpoint.
 */
class ReactortimeTaskSchedulerAutoConfigurationTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
				ReactortimeTaskSchedulerAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				LoopingCallsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=loopingcalls")
		.withUserConfiguration(ScheduledJobs.class);

	@Test
	void scheduledMethodsRunOnTheReactorWithExactCountsOnVirtualTime() {
		this.contextRunner.withPropertyValues("reactortime.task-scheduler.enabled=true").run((context) -> {
			assertThat(context).getBean(TaskScheduler.class).isInstanceOf(ReactorTaskScheduler.class);
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			Jobs jobs = context.getBean(Jobs.class);
			reactor.advance(Duration.ofSeconds(10));
			// fixedRate 1 s from the start: 0, 1, ..., 10.
			assertThat(jobs.rate).hasValue(11);
			// fixedDelay 3 s after each run: 0, 3, 6, 9.
			assertThat(jobs.delayStarts).containsExactly(START, START.plusSeconds(3), START.plusSeconds(6),
					START.plusSeconds(9));
			// initialDelay 5 s, then every 2 s: 5, 7, 9.
			assertThat(jobs.delayed).hasValue(3);
			reactor.advance(Duration.ofDays(2).minusSeconds(10));
			// cron at 02:00 Berlin (01:00 UTC) on 1 and 2 January.
			assertThat(jobs.cron).containsExactly(Instant.parse("2026-01-01T01:00:00Z"),
					Instant.parse("2026-01-02T01:00:00Z"));

			LoopingCallsEndpoint endpoint = context.getBean(LoopingCallsEndpoint.class);
			List<LoopingCallDescriptor> loops = endpoint.loopingCalls().loops();
			assertThat(loops).extracting(LoopingCallDescriptor::name)
				.containsExactly("jobs.cron", "jobs.delayed", "jobs.fixedDelay", "jobs.fixedRate");
			assertThat(loops).allSatisfy((loop) -> assertThat(loop.running()).isTrue());
			assertThat(loops.get(0).schedule()).isEqualTo("0 0 2 * * *");
			assertThat(loops.get(3).interval()).isEqualTo("PT1S");
		});
	}

	@Test
	void scheduledMethodsHaveTheReactorsMeters() {
		this.contextRunner.withPropertyValues("reactortime.task-scheduler.enabled=true")
			.withConfiguration(AutoConfigurations.of(ReactortimeMetricsAutoConfiguration.class,
					BootClasses.METRICS_AUTO_CONFIGURATION, BootClasses.COMPOSITE_METER_REGISTRY_AUTO_CONFIGURATION,
					BootClasses.SIMPLE_METRICS_EXPORT_AUTO_CONFIGURATION))
			.run((context) -> {
				VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				reactor.advance(Duration.ofSeconds(10));
				assertThat(registry.get(ReactorMetrics.CALL_DURATION).tag("name", "jobs.fixedRate").timer().count())
					.isEqualTo(11);
				assertThat(registry.get(ReactorMetrics.CALL_LAG).tag("name", "jobs.fixedDelay").timer().count())
					.isEqualTo(4);
			});
	}

	@Test
	void bodiesRunOnAnExecutorOnRealTime() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
					ReactortimeTaskSchedulerAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
			.withPropertyValues("reactortime.task-scheduler.enabled=true")
			.run((context) -> {
				ReactorTaskScheduler scheduler = context.getBean(ReactorTaskScheduler.class);
				Object executor = ReflectionTestUtils.getField(scheduler, "executor");
				assertThat(executor).isInstanceOf(Executor.class)
					.isNotInstanceOf(ThreadPoolTaskScheduler.class)
					.hasFieldOrPropertyWithValue("threadNamePrefix", "reactortime-scheduled-");
			});
	}

	@Test
	void springBootsSchedulerStaysWhenDisabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ReactorTaskScheduler.class);
			assertThat(context).getBean(TaskScheduler.class).isInstanceOf(ThreadPoolTaskScheduler.class);
		});
	}

	@Test
	void namesComeFromTheMethod() throws Exception {
		Runnable method = new org.springframework.scheduling.support.ScheduledMethodRunnable(new Jobs(null),
				Jobs.class.getDeclaredMethod("fixedRate"));
		assertThat(ReactorTaskScheduler.name(method)).isEqualTo("jobs.fixedRate");
		assertThat(ReactorTaskScheduler.name(() -> {
		})).isEqualTo("scheduled");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ScheduledJobs {

		@Bean
		VirtualTimeReactor reactor() {
			return new VirtualTimeReactor(START);
		}

		@Bean
		Jobs jobs(VirtualTimeReactor reactor) {
			return new Jobs(reactor);
		}

	}

	static class Jobs {

		final AtomicInteger rate = new AtomicInteger();

		final List<Instant> delayStarts = new CopyOnWriteArrayList<>();

		final AtomicInteger delayed = new AtomicInteger();

		final List<Instant> cron = new CopyOnWriteArrayList<>();

		private final VirtualTimeReactor reactor;

		Jobs(VirtualTimeReactor reactor) {
			this.reactor = reactor;
		}

		@Scheduled(fixedRate = 1000)
		void fixedRate() {
			this.rate.incrementAndGet();
		}

		@Scheduled(fixedDelay = 3000)
		void fixedDelay() {
			this.delayStarts.add(this.reactor.wallClock());
		}

		@Scheduled(fixedRate = 2000, initialDelay = 5000)
		void delayed() {
			this.delayed.incrementAndGet();
		}

		@Scheduled(cron = "0 0 2 * * *", zone = "Europe/Berlin")
		void cron() {
			this.cron.add(this.reactor.wallClock());
		}

	}

}
