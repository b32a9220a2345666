package dev.reactortime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A body called again and again on a fixed grid of times: Twisted's {@code task.LoopingCall}.
 *
 * <p>{@link #start(Duration, boolean)} anchors a grid at the current time: the body is due at
 * {@code start + k·interval}. After each call the next one is due at the first grid point strictly after the
 * moment the body finished, so missed intervals are skipped, never bunched (they are reported as skipped, and a
 * {@code withCount} body receives the number of grid points passed). A body that returns a
 * {@code CompletionStage} (see {@link Reactor#loopingCallAsync}) or runs on an executor holds the next call back
 * until it completes. An interval of zero calls the body once per reactor turn.
 *
 * <p>The future returned by {@code start} completes with the loop when it is stopped, or exceptionally with the
 * body's exception (unless the loop continues on error). Every method may be called from any thread.
 */
public interface LoopingCall {

	/**
	 * Starts the loop with its first call due at once (Twisted's default {@code now=True}). On the real-time
	 * reactor the first call runs on the reactor thread at its next turn; on {@link VirtualTimeReactor}, at the
	 * next {@code advance}.
	 * @param interval the interval, not negative
	 * @return a future completed with this loop when it stops, or exceptionally when the body fails
	 * @throws IllegalArgumentException if the interval is negative
	 * @throws IllegalStateException if the loop is running
	 */
	default CompletableFuture<LoopingCall> start(Duration interval) {
		return start(interval, true);
	}

	/**
	 * Starts the loop.
	 * @param interval the interval, not negative
	 * @param now {@code true} for a first call due at once, {@code false} to wait one interval first
	 * @return a future completed with this loop when it stops, or exceptionally when the body fails
	 * @throws IllegalArgumentException if the interval is negative
	 * @throws IllegalStateException if the loop is running
	 */
	CompletableFuture<LoopingCall> start(Duration interval, boolean now);

	/**
	 * Starts the loop on a schedule: the first call is due at the schedule's first instant after now, and after each
	 * call the next is due at the first instant strictly after the body finished; the instants jumped over are
	 * skipped and counted, as on the fixed grid. The instants are read on the reactor's wall clock
	 * ({@link Reactor#wallClock()}) and the pending call moves when it jumps, except for
	 * {@link Schedule#every(Duration)}, which is {@code start(interval, false)} on the monotonic clock. When the
	 * schedule has no next instant, the loop stops and its future completes.
	 * @param schedule the schedule
	 * @return a future completed with this loop when it stops, or exceptionally when the body fails
	 * @throws IllegalStateException if the loop is running
	 */
	default CompletableFuture<LoopingCall> start(Schedule schedule) {
		return start(schedule, false);
	}

	/**
	 * {@link #start(Schedule)}, with a first call due at once if {@code now} (the schedule then gives the instants
	 * after it).
	 * @param schedule the schedule
	 * @param now {@code true} for a first call due at once, {@code false} for the schedule's first instant
	 * @return a future completed with this loop when it stops, or exceptionally when the body fails
	 * @throws IllegalStateException if the loop is running
	 */
	CompletableFuture<LoopingCall> start(Schedule schedule, boolean now);

	/**
	 * Pauses a running loop: its ticks keep their times but do not call the body; each is counted as skipped (and
	 * in a {@code withCount} body's next count). A body already running finishes. Does nothing if paused.
	 * @throws IllegalStateException if the loop is not running
	 */
	void pause();

	/**
	 * Resumes a paused loop on the grid it kept: the next call is the next tick that was due anyway, never one
	 * made up for the ticks missed. Does nothing if not paused.
	 * @throws IllegalStateException if the loop is not running
	 */
	void resume();

	/**
	 * Whether the loop is paused ({@link #pause()}); a restart clears it.
	 * @return {@code true} while paused
	 */
	boolean isPaused();

	/**
	 * Runs the body once more, now (at the reactor's next turn; on {@link VirtualTimeReactor}, at the next
	 * {@code advance}), as a tick would, on its executor and under its lock; the grid is unchanged. Works while
	 * paused. A tick that falls due while this run's body runs is skipped and counted, as after a late body. A
	 * {@code withCount} body receives 1.
	 * @throws IllegalStateException if the loop is not running, its body is running, or a run-now is pending
	 */
	void runNow();

	/**
	 * Schedule of the current or last run: {@link Schedule#every(Duration)} for a loop started with an interval, or
	 * {@code null} before the first start. Its {@code toString()} describes it for endpoints.
	 * @return the schedule
	 */
	@Nullable Schedule schedule();

	/**
	 * Stops the loop: the pending call is cancelled and the start future completes with this loop. Called from
	 * inside the body, the loop ends when the body returns (or its stage completes).
	 * @throws IllegalStateException if the loop is not running
	 */
	void stop();

	/**
	 * Restarts the grid from now: the pending call is cancelled and the next one is due one interval from now.
	 * Does nothing while the body (or its stage) is still running, as in Twisted.
	 * @throws IllegalStateException if the loop is not running
	 */
	void reset();

	/**
	 * Whether the loop is started and not stopped.
	 * @return {@code true} while running
	 */
	boolean isRunning();

	/**
	 * Interval of the current or last run, or {@code null} before the first start and for a loop on a
	 * {@link Schedule} other than a fixed interval.
	 * @return the interval
	 */
	@Nullable Duration interval();

	/**
	 * Name shown by metrics and endpoints.
	 * @return the name
	 */
	String name();

	/**
	 * Name of the lock each tick takes first (see {@link CallOptions#withLock}), or {@code null}.
	 * @return the lock's name
	 */
	default @Nullable String lockName() {
		return null;
	}

	/**
	 * How many times the body has been called since the loop was last started: a restart counts from zero again
	 * (as do the skipped intervals of {@link #stats()}), so a body that stops itself after its third call does so
	 * on every run. Meters keep their totals across restarts.
	 * @return the call count of the current (or last) run
	 */
	long callCount();

	/**
	 * A consistent snapshot of what the loop has done, for endpoints and diagnostics.
	 * @return the statistics
	 */
	LoopingCallStats stats();

}
