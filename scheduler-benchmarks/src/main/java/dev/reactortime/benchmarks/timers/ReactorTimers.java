package dev.reactortime.benchmarks.timers;

import java.time.Duration;

import dev.reactortime.DelayedCall;
import dev.reactortime.Reactor;
import dev.reactortime.ReactorBuilder;

/**
 * Our reactor: {@code callLater} returns the {@link DelayedCall}, which cancels and moves itself
 * ({@link DelayedCall#delay}). The benchmarks call it from their own thread (cross-thread) or from inside a call
 * ({@link #runOnTimerThread}, in-loop).
 */
final class ReactorTimers implements TimerAdapter {

	private final String name;

	private final Reactor reactor;

	private final Runnable task;

	private final DelayedCall[] calls;

	private final DurationCache durations = new DurationCache();

	ReactorTimers(String name, Duration spin, Runnable task, int capacity) {
		this.name = name;
		ReactorBuilder builder = Reactor.builder().daemon(true).threadName("reactortime-bench");
		if (!spin.isZero()) {
			builder.spin(spin);
		}
		this.reactor = builder.build();
		this.reactor.start();
		this.task = task;
		this.calls = new DelayedCall[capacity];
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Threading threading() {
		return Threading.OWN_THREAD;
	}

	@Override
	public int capacity() {
		return this.calls.length;
	}

	@Override
	public void schedule(int slot, long delayNanos) {
		this.calls[slot] = this.reactor.callLater(this.durations.of(delayNanos), this.task);
	}

	@Override
	public void cancel(int slot) {
		this.calls[slot].cancel();
	}

	@Override
	public void forget(int slot) {
		this.calls[slot] = null;
	}

	@Override
	public void reschedule(int slot, long laterByNanos) {
		this.calls[slot].delay(this.durations.of(laterByNanos));
	}

	@Override
	public void submit(Runnable task, long delayNanos) {
		this.reactor.callLater(this.durations.of(delayNanos), task);
	}

	@Override
	public void runOnTimerThread(Runnable batch) {
		Handoff.run(batch, (handoff) -> this.reactor.callLater(Duration.ZERO, handoff));
	}

	@Override
	public int poll() {
		return 0;
	}

	@Override
	public void close() {
		this.reactor.close();
	}

}
