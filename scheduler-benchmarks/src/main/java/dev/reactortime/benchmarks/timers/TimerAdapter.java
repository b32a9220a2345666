package dev.reactortime.benchmarks.timers;

/**
 * A timer implementation as the benchmarks see it: schedule a task after a delay, cancel it, reschedule it later.
 *
 * <p>Handles live in the adapter, addressed by slot ({@code 0 <= slot < capacity}), so no scenario boxes or wraps
 * a handle and each implementation keeps the handle its users would keep ({@code DelayedCall},
 * {@code ScheduledFuture}, Netty's {@code Timeout}, Agrona's {@code long} timer id). The tracked operations run
 * the adapter's one shared task, given at creation; {@link #submit} runs a task of its own and keeps no handle.
 *
 * <p>Threading: an adapter's methods may be called from one thread at a time (the benchmark thread, or the timer
 * thread inside {@link #runOnTimerThread}); handing over between the two is ordered by
 * {@link #runOnTimerThread} itself. A {@link Threading#CALLER} adapter is not thread safe at all and fires only
 * inside {@link #poll()}.
 */
public interface TimerAdapter extends AutoCloseable {

	/**
	 * Name of the implementation, as the results show it ({@code reactor}, {@code stpe}, ...).
	 * @return the name
	 */
	String name();

	/**
	 * Which threads run the timers.
	 * @return the threading model
	 */
	Threading threading();

	/**
	 * Number of slots.
	 * @return the capacity
	 */
	int capacity();

	/**
	 * Schedules the shared task {@code delayNanos} from now into {@code slot}, dropping whatever handle the slot held.
	 * @param slot the slot
	 * @param delayNanos the delay in nanoseconds, not negative
	 */
	void schedule(int slot, long delayNanos);

	/**
	 * Cancels the pending timer in {@code slot}.
	 * @param slot the slot
	 */
	void cancel(int slot);

	/**
	 * Drops the handle in {@code slot}, as a user does once a timer is cancelled or has fired, so only the timer
	 * structure can still retain it.
	 * @param slot the slot
	 */
	void forget(int slot);

	/**
	 * Moves the pending timer in {@code slot} later by {@code laterByNanos}, relative to its current deadline: the
	 * reactor's {@code DelayedCall.delay}; cancel and schedule again for the peers that have no such operation.
	 * @param slot the slot
	 * @param laterByNanos how much later, in nanoseconds
	 */
	void reschedule(int slot, long laterByNanos);

	/**
	 * Schedules {@code task} {@code delayNanos} from now, keeping no handle.
	 * @param task the task
	 * @param delayNanos the delay in nanoseconds
	 * @throws UnsupportedOperationException for {@link Threading#CALLER} adapters
	 */
	void submit(Runnable task, long delayNanos);

	/**
	 * Runs {@code batch} on the timer's own thread (a pool thread for {@link Threading#POOL}, the caller for
	 * {@link Threading#CALLER}) and returns when it has run; an exception it throws is rethrown here.
	 * @param batch what to run
	 */
	void runOnTimerThread(Runnable batch);

	/**
	 * For {@link Threading#CALLER} adapters: runs the timers due now.
	 * @return how many fired
	 */
	int poll();

	/**
	 * Stops the timer thread(s); pending timers are dropped.
	 */
	@Override
	void close();

	/** Who runs the timers. */
	enum Threading {

		/** One thread owns the timers and runs them (the reactor, STPE, Spring's scheduler, Netty's wheel). */
		OWN_THREAD,

		/** A pool runs them, on any of its threads ({@code ForkJoinPool}). */
		POOL,

		/** Nobody: the caller polls a structure that is not thread safe (Agrona's wheel). */
		CALLER

	}

}
