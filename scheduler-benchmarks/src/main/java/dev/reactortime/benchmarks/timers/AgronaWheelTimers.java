package dev.reactortime.benchmarks.timers;

import java.util.concurrent.TimeUnit;

import org.agrona.DeadlineTimerWheel;

/**
 * Agrona's {@link DeadlineTimerWheel}: not thread safe, no thread of its own, so it takes part only where one
 * thread both schedules and polls. Time is passed in, as in Agrona's duty cycles: {@code schedule} adds the delay to
 * the time of the last {@link #poll()} (or {@link #runOnTimerThread} entry) instead of reading the clock.
 *
 * <p>The wheel is one array of {@code ticksPerWheel} slots each as wide as the fullest slot, and scheduling scans a
 * slot for a free entry, so it is sized per {@link Workload}: 65,536 ticks of about 1 ms for a million timers spread
 * over hours (about 15 per slot), 64 ticks for a burst (all timers in one slot), 4,096 ticks of 262 us for a
 * one-second spread.
 */
final class AgronaWheelTimers implements TimerAdapter {

	private final DeadlineTimerWheel wheel;

	private final Runnable task;

	private final DeadlineTimerWheel.TimerHandler handler;

	private final long[] timerIds;

	private long now;

	AgronaWheelTimers(Runnable task, int capacity, Workload workload) {
		this.now = System.nanoTime();
		this.wheel = switch (workload) {
			case PENDING_HOURS, LAG -> new DeadlineTimerWheel(TimeUnit.NANOSECONDS, this.now, 1L << 20, 1 << 16, 16);
			case BURST -> new DeadlineTimerWheel(TimeUnit.NANOSECONDS, this.now, 1L << 20, 64, 1024);
			case SPREAD_1S -> new DeadlineTimerWheel(TimeUnit.NANOSECONDS, this.now, 1L << 18, 1 << 12, 64);
		};
		this.task = task;
		this.handler = (timeUnit, now, timerId) -> {
			this.task.run();
			return true;
		};
		this.timerIds = new long[capacity];
	}

	@Override
	public String name() {
		return "agrona";
	}

	@Override
	public Threading threading() {
		return Threading.CALLER;
	}

	@Override
	public int capacity() {
		return this.timerIds.length;
	}

	@Override
	public void schedule(int slot, long delayNanos) {
		this.timerIds[slot] = this.wheel.scheduleTimer(this.now + delayNanos);
	}

	@Override
	public void cancel(int slot) {
		this.wheel.cancelTimer(this.timerIds[slot]);
	}

	@Override
	public void forget(int slot) {
		this.timerIds[slot] = DeadlineTimerWheel.NULL_DEADLINE;
	}

	@Override
	public void reschedule(int slot, long laterByNanos) {
		long timerId = this.timerIds[slot];
		long deadline = this.wheel.deadline(timerId);
		this.wheel.cancelTimer(timerId);
		this.timerIds[slot] = this.wheel.scheduleTimer(deadline + laterByNanos);
	}

	@Override
	public void submit(Runnable task, long delayNanos) {
		throw new UnsupportedOperationException("agrona's wheel runs one handler; it takes part in no lag scenario");
	}

	@Override
	public void runOnTimerThread(Runnable batch) {
		this.now = System.nanoTime();
		batch.run();
	}

	@Override
	public int poll() {
		this.now = System.nanoTime();
		return this.wheel.poll(this.now, this.handler, Integer.MAX_VALUE);
	}

	@Override
	public void close() {
		this.wheel.clear();
	}

}
