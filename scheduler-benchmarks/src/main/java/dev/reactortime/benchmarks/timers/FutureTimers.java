package dev.reactortime.benchmarks.timers;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The peers whose handle is a {@link ScheduledFuture}: cancel is {@code cancel(false)}, and rescheduling later is
 * what their users write, read the remaining delay, cancel, schedule again.
 */
abstract class FutureTimers implements TimerAdapter {

	private final String name;

	private final Threading threading;

	private final Runnable task;

	private final ScheduledFuture<?>[] futures;

	FutureTimers(String name, Threading threading, Runnable task, int capacity) {
		this.name = name;
		this.threading = threading;
		this.task = task;
		this.futures = new ScheduledFuture<?>[capacity];
	}

	abstract ScheduledFuture<?> schedule(Runnable task, long delayNanos);

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final Threading threading() {
		return this.threading;
	}

	@Override
	public final int capacity() {
		return this.futures.length;
	}

	@Override
	public final void schedule(int slot, long delayNanos) {
		this.futures[slot] = schedule(this.task, delayNanos);
	}

	@Override
	public final void cancel(int slot) {
		this.futures[slot].cancel(false);
	}

	@Override
	public final void forget(int slot) {
		this.futures[slot] = null;
	}

	@Override
	public final void reschedule(int slot, long laterByNanos) {
		ScheduledFuture<?> future = this.futures[slot];
		long remaining = future.getDelay(TimeUnit.NANOSECONDS);
		future.cancel(false);
		this.futures[slot] = schedule(this.task, Math.max(0, remaining + laterByNanos));
	}

	@Override
	public final void submit(Runnable task, long delayNanos) {
		schedule(task, delayNanos);
	}

	@Override
	public final int poll() {
		return 0;
	}

}
