package dev.reactortime;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When a {@link LoopingCall} runs: a rule that gives the next due instant after a given one. A fixed interval is
 * one schedule ({@link #every(Duration)}); a cron expression is another (the auto-configuration's
 * {@code CronSchedule}, on Spring's {@code CronExpression}).
 *
 * <p>A loop started on a schedule ({@link LoopingCall#start(Schedule)}) follows Twisted's skip-and-count rule: after
 * a call, the next one is due at the first point of the schedule strictly after the time the body finished, and
 * the points jumped over are counted as skipped (a {@code withCount} body receives them in its count).
 *
 * <p>Instants of a schedule other than {@link #every(Duration)} are read on the reactor's <em>wall clock</em>: the
 * loop's pending call is due at that instant of the system clock and moves when the wall clock jumps (see
 * {@link Reactor#callAt(Instant, Runnable)}). {@code every(interval)} stays on the monotonic clock, as
 * {@link LoopingCall#start(Duration, boolean)} does.
 *
 * <p>Implementations must be thread safe and cheap: {@code next} is called on the reactor thread.
 */
@FunctionalInterface
public interface Schedule {

	/**
	 * The first instant of this schedule strictly after {@code after}.
	 * @param after the instant to look after
	 * @return the next instant, or {@code null} if the schedule has no more (the loop then stops)
	 */
	@Nullable Instant next(Instant after);

	/**
	 * A fixed interval: {@code next(t)} is {@code t + interval}. A loop started on it runs on the monotonic grid of
	 * {@link LoopingCall#start(Duration, boolean)} with its first call one interval after start.
	 * @param interval the interval, not negative
	 * @return the schedule
	 * @throws IllegalArgumentException if the interval is negative
	 */
	static Schedule every(Duration interval) {
		return new FixedInterval(interval);
	}

	/**
	 * The schedule of {@link #every(Duration)}.
	 * @param interval the interval
	 */
	record FixedInterval(Duration interval) implements Schedule {

		/**
		 * Checks the interval.
		 * @param interval the interval, not negative
		 */
		public FixedInterval {
			Durations.requireDelay(interval, "interval");
		}

		@Override
		public Instant next(Instant after) {
			return after.plus(this.interval);
		}

		@Override
		public String toString() {
			return "every " + this.interval;
		}

	}

}
