package dev.reactortime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Hears what a {@link Reactor} does: the service-provider interface that metrics and tracing implement (the core
 * itself knows no metrics library). Every method has a no-op default.
 *
 * <p>Methods are called synchronously on the thread where the event happens: {@code scheduled} and
 * {@code cancelled} on the caller's thread, {@code started} and {@code finished} on the thread that runs the
 * call (the reactor thread, or the call's executor), {@code blocked} on the watchdog thread. They must be
 * fast and must not throw; an exception thrown by a listener is logged and ignored.
 */
public interface ReactorListener {

	/** A listener that does nothing. */
	ReactorListener NOOP = new ReactorListener() {
	};

	/**
	 * A call was scheduled.
	 * @param call the call
	 */
	default void scheduled(DelayedCall call) {
	}

	/**
	 * A call is about to run.
	 * @param call the call
	 * @param lagNanos how late it starts: actual start minus due time, in nanoseconds (never negative)
	 */
	default void started(DelayedCall call, long lagNanos) {
	}

	/**
	 * A call finished. For a loop whose body returns a stage or runs on an executor, this is when that work
	 * completed.
	 * @param call the call
	 * @param lagNanos how late it started, in nanoseconds
	 * @param durationNanos how long it ran, in nanoseconds
	 * @param error the exception it ended with, or {@code null} on success
	 */
	default void finished(DelayedCall call, long lagNanos, long durationNanos, @Nullable Throwable error) {
	}

	/**
	 * A call was cancelled: by {@link DelayedCall#cancel()}, by a stopped loop, by a cancelled future or by
	 * shutdown.
	 * @param call the call
	 */
	default void cancelled(DelayedCall call) {
	}

	/**
	 * A loop missed grid points because its body or the reactor ran late.
	 * @param loop the loop
	 * @param intervals how many grid points were skipped (at least one)
	 */
	default void skipped(LoopingCall loop, long intervals) {
	}

	/**
	 * A run of a locked call was skipped here: its lock was held elsewhere ({@code error} is {@code null}), or the
	 * lock's store failed. Called on the lock's executor (see {@link CallLock}).
	 * @param call the call whose run was skipped
	 * @param error the store's exception, or {@code null} when another instance held the lock
	 */
	default void lockedOut(DelayedCall call, @Nullable Throwable error) {
	}

	/**
	 * The watchdog found a call holding the reactor thread longer than its threshold. Reported once per call.
	 * @param call the call
	 * @param blockedFor how long it had been running when it was seen
	 * @param stackTrace the reactor thread's stack at that moment
	 */
	default void blocked(DelayedCall call, Duration blockedFor, StackTraceElement[] stackTrace) {
	}

}
