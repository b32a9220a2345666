package dev.reactortime.benchmarks.timers;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * {@code ForkJoinPool.schedule}, new in JDK 25 (where {@link ForkJoinPool} became a
 * {@link ScheduledExecutorService}; a delay-scheduler thread hands due tasks to the pool). The module compiles with
 * release 17, so the pool is reached through the interface at run time: {@link #available()} says whether the
 * running JDK has it. A pool of parallelism 1, like the single-threaded peers.
 */
final class ForkJoinTimers extends FutureTimers {

	private final ForkJoinPool pool;

	private final ScheduledExecutorService scheduler;

	ForkJoinTimers(Runnable task, int capacity) {
		super("fjp", Threading.POOL, task, capacity);
		this.pool = new ForkJoinPool(1);
		ScheduledExecutorService scheduler = asScheduler(this.pool);
		if (scheduler == null) {
			this.pool.shutdownNow();
			throw new UnsupportedOperationException(
					"ForkJoinPool.schedule needs JDK 25 or later; this is " + Runtime.version());
		}
		this.scheduler = scheduler;
	}

	static boolean available() {
		ForkJoinPool probe = new ForkJoinPool(1);
		try {
			return asScheduler(probe) != null;
		}
		finally {
			probe.shutdownNow();
		}
	}

	private static @Nullable ScheduledExecutorService asScheduler(ForkJoinPool pool) {
		Object candidate = pool;
		return (candidate instanceof ScheduledExecutorService scheduler) ? scheduler : null;
	}

	@Override
	ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
		return this.scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void runOnTimerThread(Runnable batch) {
		Handoff.run(batch, this.pool::execute);
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

}
