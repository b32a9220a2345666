package dev.reactortime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Reports a call that holds the reactor thread longer than a threshold: once per call, with the reactor thread's
 * stack, to the log and to the listeners ({@code reactortime.reactor.blocked}).
 *
 * <p>It looks four times per threshold while the reactor is awake: a call seen running for a threshold since its first
 * sighting has run for at least that long (reported within a threshold and a quarter) (the reactor only publishes which call runs, with a release store: no clock read on its
 * hot path). It sleeps without a timeout while the reactor sleeps (the reactor wakes it when it wakes itself), so an
 * idle reactor costs no wake-ups at all.
 */
final class Watchdog {

	private final EventLoopReactor reactor;

	private final long thresholdNanos;

	private final String threadName;

	private volatile @Nullable Thread thread;

	private volatile boolean stopped;

	/** Set while the watchdog sleeps until the reactor wakes it. */
	private volatile boolean dormant;

	Watchdog(EventLoopReactor reactor, long thresholdNanos, String threadName) {
		this.reactor = reactor;
		this.thresholdNanos = thresholdNanos;
		this.threadName = threadName;
	}

	void start() {
		Thread thread = new Thread(this::watch, this.threadName);
		thread.setDaemon(true); // never keeps the JVM alive on its own
		this.thread = thread;
		thread.start();
	}

	/**
	 * Stops the watchdog and waits (briefly) for its thread to end, so a closed reactor leaves no thread behind.
	 */
	void stop() {
		this.stopped = true;
		Thread thread = this.thread;
		LockSupport.unpark(thread);
		if (thread != null && thread != Thread.currentThread()) {
			try {
				thread.join(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Whether the caller is the watchdog's thread (a listener of {@code blocked} runs on it). */
	boolean isCurrentThread() {
		return Thread.currentThread() == this.thread;
	}

	/** Called by the reactor thread each time it wakes up. */
	void reactorAwake() {
		if (this.dormant) {
			this.dormant = false;
			LockSupport.unpark(this.thread);
		}
	}

	private void watch() {
		long period = Math.max(1_000_000L, this.thresholdNanos / 4);
		ScheduledCall seen = null;
		long seenSince = 0;
		ScheduledCall reported = null;
		while (!this.stopped) {
			LockSupport.parkNanos(this, period);
			ScheduledCall call = this.reactor.runningCall();
			long now = System.nanoTime();
			if (call == null) {
				seen = null;
				if (this.reactor.isParked()) {
					sleepWhileReactorSleeps();
				}
			}
			else if (call != seen) {
				// First sighting: it has run at least since now (a lower bound, so no report comes early).
				seen = call;
				seenSince = now;
			}
			else if (call != reported && now - seenSince >= this.thresholdNanos) {
				reported = call;
				report(call, now - seenSince);
			}
		}
	}

	private void sleepWhileReactorSleeps() {
		this.dormant = true;
		// Look again after announcing it: a reactor that woke in between has either seen the flag or is seen here.
		if (this.reactor.isParked() && !this.stopped) {
			LockSupport.park(this);
		}
		this.dormant = false;
	}

	private void report(ScheduledCall call, long runningNanos) {
		Thread reactorThread = this.reactor.thread();
		StackTraceElement[] stack = (reactorThread != null) ? reactorThread.getStackTrace() : new StackTraceElement[0];
		Duration blockedFor = Duration.ofNanos(runningNanos);
		BlockedCallReport trace = new BlockedCallReport(call, blockedFor, stack);
		ReactorEngine.logger.log(Level.WARNING, trace.getMessage(), trace);
		this.reactor.listeners.blocked(call, blockedFor, stack);
	}

	/**
	 * Carries the reactor thread's stack into the log, so the warning shows where the call is stuck.
	 */
	static final class BlockedCallReport extends Throwable {

		private static final long serialVersionUID = 1L;

		BlockedCallReport(DelayedCall call, Duration blockedFor, StackTraceElement[] stack) {
			super("Call '" + call.name() + "' (" + call.source() + ") has held the reactor thread for "
					+ blockedFor.toMillis() + " ms; blocking work belongs on an executor", null, false, true);
			setStackTrace(stack);
		}

	}

}
