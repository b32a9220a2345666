package dev.reactortime.durable;

import org.jspecify.annotations.Nullable;

/**
 * Hears the runs of durable calls on this instance: the service-provider interface that metrics implement (this
 * module knows no metrics library). Methods are called on the thread that runs the handler; they must be fast
 * and must not throw. Every method has a no-op default.
 */
public interface DurableCallListener {

	/** A listener that does nothing. */
	DurableCallListener NOOP = new DurableCallListener() {
	};

	/**
	 * A durable call is about to run on this instance.
	 * @param task the task name
	 * @param id the call's id
	 * @param lagNanos actual start minus due time, in nanoseconds (never negative)
	 */
	default void started(String task, String id, long lagNanos) {
	}

	/**
	 * A durable call finished on this instance.
	 * @param task the task name
	 * @param id the call's id
	 * @param lagNanos how late it started, in nanoseconds
	 * @param durationNanos how long the handler ran, in nanoseconds
	 * @param error what the handler threw, or {@code null} on success
	 */
	default void finished(String task, String id, long lagNanos, long durationNanos, @Nullable Throwable error) {
	}

}
