package dev.reactortime.autoconfigure.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.reactortime.LoopingCall;
import dev.reactortime.LoopingCallStats;
import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint.LoopingCallDescriptor;
import dev.reactortime.autoconfigure.metrics.ReactorMetrics;
import dev.reactortime.autoconfigure.metrics.ReactortimeMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @SchedulerLock} on virtual time, with an in-memory provider (ShedLock's {@code InMemoryLockProvider} rules,
 * on the asking reactor's clock): exact counts with two reactors sharing one provider, the defaults, the lock held
 * inside the body, one lock per run under {@code @EnableSchedulerLock(PROXY_METHOD)}, and ShedLock being optional.
 */
class VirtualTimeLocksTests {

	private static final Duration STEP = Duration.ofMillis(100);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
				ReactortimeLockAutoConfiguration.class, ReactortimeMetricsAutoConfiguration.class))
		.withPropertyValues("reactortime.virtual-time=true")
		.withBean(SimpleMeterRegistry.class);

	@Test
	void twoReactorsSharingOneProviderRunEachTickExactlyOnceBetweenThem() {
		InMemoryProvider provider = new InMemoryProvider();
		List<String> runs = new CopyOnWriteArrayList<>();
		ApplicationContextRunner instance = this.contextRunner.withBean(LockProvider.class, () -> provider);
		instance.withBean(Job.class, () -> new Job("a", runs)).run((a) -> {
			instance.withBean(Job.class, () -> new Job("b", runs)).run((b) -> {
				VirtualTimeReactor first = a.getBean(VirtualTimeReactor.class);
				VirtualTimeReactor second = b.getBean(VirtualTimeReactor.class);
				// Without Boot's metrics auto-configuration nothing binds the meters: bind them by hand.
				a.getBean(ReactorMetrics.class).bindTo(a.getBean(MeterRegistry.class));
				b.getBean(ReactorMetrics.class).bindTo(b.getBean(MeterRegistry.class));
				// Both clocks at the epoch: the loops are anchored at 0 s. Each second one reactor moves first and
				// wins the tick; which one changes every two seconds.
				for (int step = 0; step < 100; step++) {
					boolean firstLeads = (step / 20) % 2 == 0;
					(firstLeads ? first : second).advance((step == 0) ? Duration.ZERO : STEP);
					(firstLeads ? second : first).advance((step == 0) ? Duration.ZERO : STEP);
				}
				first.advance(STEP);
				second.advance(STEP); // both at 10 s: ticks 0..10
				LoopingCallStats statsA = loop(first).stats();
				LoopingCallStats statsB = loop(second).stats();
				assertThat(runs).hasSize(11);
				assertThat(runs.stream().map((run) -> run.substring(2)).distinct()).hasSize(11);
				assertThat(statsA.calls() + statsB.calls()).isEqualTo(11);
				assertThat(statsA.lockedOut() + statsB.lockedOut()).isEqualTo(11);
				assertThat(statsA.calls()).as("seconds 0, 1, 4, 5, 8, 9, 10").isEqualTo(7);
				assertThat(statsB.calls()).as("seconds 2, 3, 6, 7").isEqualTo(4);
				assertThat(lockedCounter(a, "held")).isEqualTo(statsA.lockedOut());
				assertThat(lockedCounter(b, "held")).isEqualTo(statsB.lockedOut());
				LoopingCallDescriptor endpoint = (LoopingCallDescriptor) new LoopingCallsEndpoint(first)
					.loopingCall("job").getBody();
				assertThat(endpoint.lock()).isEqualTo("nightly");
				assertThat(endpoint.lockedOut()).isEqualTo(statsA.lockedOut());
			});
		});
		// A loop's lockAtLeastFor is half its interval; lockAtMostFor the default; the body saw the lock held.
		assertThat(provider.configurations).allSatisfy((configuration) -> {
			assertThat(configuration.getName()).isEqualTo("nightly");
			assertThat(configuration.getLockAtMostFor()).isEqualTo(Duration.ofMinutes(10));
			assertThat(configuration.getLockAtLeastFor()).isEqualTo(Duration.ofMillis(500));
		});
		assertThat(runs).allMatch((run) -> run.endsWith(":asserted"));
	}

	@Test
	void anEmptyNameIsTheCallsNameAndTheDefaultsComeFromProperties() {
		InMemoryProvider provider = new InMemoryProvider();
		this.contextRunner.withBean(LockProvider.class, () -> provider)
			.withPropertyValues("reactortime.lock.default-at-most-for=45s")
			.withBean("reminder", Reminder.class)
			.run((context) -> {
				context.getBean(VirtualTimeReactor.class).advance(Duration.ofSeconds(3));
				assertThat(context.getBean(Reminder.class).calls).isOne();
				assertThat(provider.configurations).singleElement().satisfies((configuration) -> {
					assertThat(configuration.getName()).isEqualTo("reminder.remind");
					assertThat(configuration.getLockAtMostFor()).isEqualTo(Duration.ofSeconds(45));
					assertThat(configuration.getLockAtLeastFor()).isEqualTo(Duration.ZERO);
				});
			});
	}

	@Test
	void withEnableSchedulerLockInProxyMethodModeEachRunTakesTheLockOnceNotTwice() {
		InMemoryProvider provider = new InMemoryProvider();
		List<String> runs = new CopyOnWriteArrayList<>();
		this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withUserConfiguration(ShedLockInterceptor.class)
			.withBean(LockProvider.class, () -> provider)
			.withBean(Job.class, () -> new Job("a", runs))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean(Job.class)))
					.as("ShedLock's interceptor applies").isTrue();
				context.getBean(VirtualTimeReactor.class).advance(Duration.ofSeconds(2));
				assertThat(runs).hasSize(3);
				assertThat(provider.configurations).hasSize(3);
			});
	}

	@Test
	void withoutShedLockOnTheClasspathLoopsRunUnlocked() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("net.javacrumbs.shedlock"))
			.withBean("plain", Plain.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ReactortimeLockProperties.class);
				context.getBean(VirtualTimeReactor.class).advance(Duration.ofSeconds(2));
				assertThat(context.getBean(Plain.class).calls).isEqualTo(3);
				assertThat(loop(context.getBean(Reactor.class)).lockName()).isNull();
			});
	}

	private static LoopingCall loop(Reactor reactor) {
		return reactor.getLoopingCalls().get(0);
	}

	private static double lockedCounter(org.springframework.context.ApplicationContext context, String reason) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		return registry.get(ReactorMetrics.CALLS_LOCKED).tag("name", "job").tag("kind", "looping").tag("reason", reason)
			.counter()
			.count();
	}

	/**
	 * ShedLock's {@code InMemoryLockProvider}, on the time each configuration was created (the asking reactor's
	 * virtual time), recording what it was asked.
	 */
	static final class InMemoryProvider implements LockProvider {

		final List<LockConfiguration> configurations = new ArrayList<>();

		private final Map<String, Instant> lockedUntil = new HashMap<>();

		@Override
		public synchronized Optional<SimpleLock> lock(LockConfiguration configuration) {
			this.configurations.add(configuration);
			Instant now = configuration.getLockAtMostUntil().minus(configuration.getLockAtMostFor());
			Instant until = this.lockedUntil.get(configuration.getName());
			if (until != null && until.isAfter(now)) {
				return Optional.empty();
			}
			this.lockedUntil.put(configuration.getName(), configuration.getLockAtMostUntil());
			return Optional.of(() -> {
				synchronized (this) {
					this.lockedUntil.put(configuration.getName(), configuration.getLockAtLeastUntil());
				}
			});
		}

	}

	static class Job {

		private final String instance;

		private final List<String> runs;

		Job(String instance, List<String> runs) {
			this.instance = instance;
			this.runs = runs;
		}

		@Looping(interval = "1s", name = "job")
		@SchedulerLock(name = "nightly")
		public void run(LoopingCall loop) {
			LockAssert.assertLocked();
			this.runs.add(this.instance + "@" + loop.stats().lastStart().getEpochSecond() + ":asserted");
		}

	}

	static class Reminder {

		int calls;

		@CallLater(delay = "2s")
		@SchedulerLock
		void remind() {
			this.calls++;
		}

	}

	static class Plain {

		int calls;

		@Looping(interval = "1s")
		@SchedulerLock(name = "plain")
		void tick() {
			this.calls++;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSchedulerLock(interceptMode = EnableSchedulerLock.InterceptMode.PROXY_METHOD, defaultLockAtMostFor = "1m")
	static class ShedLockInterceptor {

	}

}
