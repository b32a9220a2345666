package dev.reactortime.autoconfigure.lock;

import java.time.Duration;
import java.util.Optional;

import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad {@code @SchedulerLock} input fails startup with a message that names {@code bean#method}, the attribute and the
 * value: one test per rule.
 */
class SchedulerLockValidationTests {

	private static final LockProvider NEVER_LOCKS = (configuration) -> Optional.empty();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ReactortimeAutoConfiguration.class, ReactortimeLockAutoConfiguration.class))
		.withPropertyValues("reactortime.virtual-time=true");

	@Test
	void aLockWithoutALockProviderBeanFailsStartupInsteadOfRunningOnEveryInstance() {
		this.contextRunner.withBean("report", LockedLoop.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContainingAll("@Looping method 'report#run'", "needs a ShedLock LockProvider bean",
						"has none"));
	}

	@Test
	void lockAtLeastForLongerThanLockAtMostForFailsStartup() {
		this.contextRunner.withBean(LockProvider.class, () -> NEVER_LOCKS)
			.withBean("report", AtLeastTooLong.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContainingAll("@CallLater method 'report#run'", "'lockAtLeastFor' value '5s'",
						"longer than lockAtMostFor (PT2S)"));
	}

	@Test
	void anUnparseableDurationFailsStartup() {
		this.contextRunner.withBean(LockProvider.class, () -> NEVER_LOCKS)
			.withBean("report", Unparseable.class)
			.withPropertyValues("report.lock=soon")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContainingAll("@Looping method 'report#run'", "'lockAtMostFor' value '${report.lock}'",
						"resolved to 'soon'", "is not a duration"));
	}

	@Test
	void aNegativeDurationFailsStartup() {
		this.contextRunner.withBean(LockProvider.class, () -> NEVER_LOCKS)
			.withBean("report", Negative.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContainingAll("@Looping method 'report#run'", "'lockAtLeastFor' value '-1s'",
						"must not be negative"));
	}

	@Test
	void twoCallsSharingALockNameFailStartupUnlessBothNameItExplicitly() {
		this.contextRunner.withBean(LockProvider.class, () -> NEVER_LOCKS)
			.withBean("first", ExplicitShared.class)
			.withBean("second", ImplicitShared.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContainingAll("@Looping method 'second#run'", "@SchedulerLock name 'shared'",
						"already the lock of 'first#run'", "give both @SchedulerLock annotations this name explicitly"));
		this.contextRunner.withBean(LockProvider.class, () -> NEVER_LOCKS)
			.withBean("first", ExplicitShared.class)
			.withBean("third", AlsoExplicitShared.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(VirtualTimeReactor.class).advance(Duration.ofSeconds(1));
			});
	}

	@Test
	void anUnnamedLockUnderShedLocksOwnInterceptorFailsStartup() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withUserConfiguration(ShedLockInterceptor.class)
			.withBean(LockProvider.class, () -> NEVER_LOCKS)
			.withBean("report", LockedLoop.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContainingAll("@Looping method 'report#run'", "@SchedulerLock has no 'name'",
						"interceptMode = PROXY_METHOD", "set 'name' (for instance 'report.run')"));
	}

	static class LockedLoop {

		@Looping(interval = "1s")
		@SchedulerLock
		public void run() {
		}

	}

	static class AtLeastTooLong {

		@CallLater(delay = "1s")
		@SchedulerLock(lockAtMostFor = "2s", lockAtLeastFor = "5s")
		void run() {
		}

	}

	static class Unparseable {

		@Looping(interval = "1s")
		@SchedulerLock(lockAtMostFor = "${report.lock}")
		void run() {
		}

	}

	static class Negative {

		@Looping(interval = "1s")
		@SchedulerLock(lockAtLeastFor = "-1s")
		void run() {
		}

	}

	static class ExplicitShared {

		@Looping(interval = "1s")
		@SchedulerLock(name = "shared")
		void run() {
		}

	}

	static class ImplicitShared {

		@Looping(interval = "1s", name = "shared")
		@SchedulerLock
		void run() {
		}

	}

	static class AlsoExplicitShared {

		@Looping(interval = "1s", name = "other")
		@SchedulerLock(name = "shared")
		void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSchedulerLock(interceptMode = EnableSchedulerLock.InterceptMode.PROXY_METHOD, defaultLockAtMostFor = "1m")
	static class ShedLockInterceptor {

	}

}
