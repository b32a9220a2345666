package dev.reactortime.benchmarks.timers;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link ScheduledThreadPoolExecutor} with one thread and {@code removeOnCancelPolicy} on (so a cancelled task
 * leaves the heap at once instead of at its deadline).
 */
final class StpeTimers extends FutureTimers {

	private final ScheduledThreadPoolExecutor executor;

	StpeTimers(Runnable task, int capacity) {
		super("stpe", Threading.OWN_THREAD, task, capacity);
		this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "stpe-bench");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.prestartAllCoreThreads();
	}

	@Override
	ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
		return this.executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void runOnTimerThread(Runnable batch) {
		Handoff.run(batch, this.executor::execute);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
