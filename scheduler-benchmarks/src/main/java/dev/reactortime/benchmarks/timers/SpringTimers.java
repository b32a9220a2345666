package dev.reactortime.benchmarks.timers;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Spring's {@link ThreadPoolTaskScheduler} (one thread, {@code removeOnCancelPolicy} on), called the way Spring
 * code calls it: {@code schedule(task, Instant)}, the instant read from the scheduler's clock.
 */
final class SpringTimers extends FutureTimers {

	private final ThreadPoolTaskScheduler scheduler;

	private final Clock clock;

	SpringTimers(Runnable task, int capacity) {
		super("spring", Threading.OWN_THREAD, task, capacity);
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setPoolSize(1);
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.setDaemon(true);
		this.scheduler.setThreadNamePrefix("spring-bench-");
		this.scheduler.initialize();
		this.clock = this.scheduler.getClock();
	}

	@Override
	ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
		return this.scheduler.schedule(task, this.clock.instant().plusNanos(delayNanos));
	}

	@Override
	public void runOnTimerThread(Runnable batch) {
		Handoff.run(batch, this.scheduler::execute);
	}

	@Override
	public void close() {
		this.scheduler.shutdown();
	}

}
