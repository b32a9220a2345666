package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Reactor} on virtual time, for tests: Twisted's {@code task.Clock}. Nothing happens until the test moves
 * the clock; then every call due runs on the caller's thread, in due order, with no sleeping and no other thread.
 *
 * <ul>
 * <li>{@link #advance(Duration)} runs every call due at or before {@code now + d} (or before the clock, if a call
 * was {@link #busy} beyond that), including calls those calls schedule inside the window; the clock steps to each call's due time before running it, so a 1 s loop advanced
 * by 10 s runs 10 more times (the convention of Reactor's {@code VirtualTimeScheduler} and RxJava's
 * {@code TestScheduler}).</li>
 * <li>{@link #busy(Duration)} moves the clock without running anything: a call that holds the reactor for
 * {@code d}. It may be called from inside a call. Twisted's {@code Clock.advance(d)}, which jumps and then runs
 * what is due, is {@code busy(d)} then {@code advance(Duration.ZERO)}: that is how missed intervals and lag are
 * tested.</li>
 * <li>{@link #pump(Duration...)} advances by each step in turn.</li>
 * </ul>
 *
 * <p>It runs from construction ({@link #start()} does nothing) and starts at {@link Instant#EPOCH} unless told
 * otherwise. An exception thrown by a call is logged and reported to listeners, never thrown by {@code advance}
 * (a {@link VirtualMachineError} is). Thread safe: {@code advance} holds a lock while it runs calls, and other
 * threads may schedule and cancel meanwhile.
 */
public final class VirtualTimeReactor extends ReactorEngine {

	/**
	 * Calls run at one instant, with the clock standing still, after which {@code advance} gives up: a loop with a
	 * zero interval that never stops would otherwise never return.
	 */
	static final int MAX_CALLS_AT_ONE_INSTANT = 1_000_000;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile long nanos;

	private volatile boolean closed;

	/** How far the wall clock is ahead of the monotonic clock ({@link #jumpWallClock}). */
	private volatile long wallClockOffset;

	/**
	 * A virtual reactor whose clock starts at {@link Instant#EPOCH}.
	 */
	public VirtualTimeReactor() {
		this(Instant.EPOCH);
	}

	/**
	 * A virtual reactor whose clock starts at {@code start}.
	 * @param start the initial time of the clock
	 */
	public VirtualTimeReactor(Instant start) {
		super(Objects.requireNonNull(start, "start must not be null"));
	}

	/**
	 * Moves the clock forward by {@code by}, running every call that comes due, each at its own due time.
	 * @param by how far to move, not negative
	 */
	public void advance(Duration by) {
		long nanos = Durations.requireDelay(by, "by");
		this.lock.lock();
		try {
			runUntil(Durations.addClamped(this.nanos, nanos));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Advances by each step in turn (Twisted's {@code Clock.pump}).
	 * @param steps the steps, none negative
	 */
	public void pump(Duration... steps) {
		Objects.requireNonNull(steps, "steps must not be null");
		for (Duration step : steps) {
			Durations.requireDelay(step, "step");
		}
		for (Duration step : steps) {
			advance(step);
		}
	}

	/**
	 * Moves the clock forward by {@code by} without running anything, as a call that holds the reactor thread for
	 * that long would. From inside a call it makes that call (and everything after it) late.
	 * @param by how long the reactor is busy, not negative
	 */
	public void busy(Duration by) {
		long nanos = Durations.requireDelay(by, "by");
		this.lock.lock();
		try {
			this.nanos = Durations.addClamped(this.nanos, nanos);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Steps the wall clock by {@code by} (forward if positive, back if negative) and leaves the monotonic clock
	 * where it is: an NTP step or a resumed VM. Calls due at a wall-clock instant ({@link #callAt}, loops on a
	 * {@link Schedule}) move with it; {@code callLater} calls do not. Calls made overdue by the jump run at the next
	 * {@code advance}, even {@code advance(Duration.ZERO)}.
	 * @param by the jump
	 */
	public void jumpWallClock(Duration by) {
		Objects.requireNonNull(by, "by must not be null");
		long nanos = Durations.toNanosSaturated(by);
		this.lock.lock();
		try {
			this.wallClockOffset += nanos;
			drainInbox();
			checkWallClock(true);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The virtual wall clock: the monotonic clock plus every {@link #jumpWallClock} so far.
	 */
	@Override
	public Instant wallClock() {
		return now().plusNanos(this.wallClockOffset);
	}

	private void runUntil(long target) {
		long instant = -1;
		int callsAtInstant = 0;
		for (;;) {
			drainInbox();
			// A call that was busy past the target has made everything up to the clock overdue: it runs too.
			long limit = Math.max(target, this.nanos);
			ScheduledCall top = this.timers.peek(limit);
			if (top == null) {
				break;
			}
			this.timers.remove(top);
			long due = top.claim(limit);
			if (due == ScheduledCall.LATER) {
				this.timers.add(top);
				continue;
			}
			if (due == ScheduledCall.DROP) {
				continue;
			}
			if (due > this.nanos) {
				this.nanos = due;
			}
			if (this.nanos != instant) {
				instant = this.nanos;
				callsAtInstant = 0;
			}
			else if (++callsAtInstant > MAX_CALLS_AT_ONE_INSTANT) {
				throw new IllegalStateException("More than " + MAX_CALLS_AT_ONE_INSTANT + " calls ran at " + now()
						+ " without the clock moving; the last was '" + top.name()
						+ "' (a loop with a zero interval that never stops?)");
			}
			run(top, due);
		}
		purgeIfMostlyDead();
		if (this.nanos < target) {
			this.nanos = target;
		}
	}

	@Override
	long clock() {
		return this.nanos;
	}

	@Override
	boolean inLoop() {
		return this.lock.isHeldByCurrentThread();
	}

	@Override
	void wake(long due) {
		// Nothing sleeps: the next advance() drains the inbox.
	}

	@Override
	void nudge() {
	}

	@Override
	boolean isAcceptingCalls() {
		return !this.closed;
	}

	/**
	 * Does nothing: a virtual reactor runs from construction.
	 * @throws IllegalStateException if it was closed
	 */
	@Override
	public void start() {
		checkAcceptingCalls();
	}

	@Override
	public boolean isRunning() {
		return !this.closed;
	}

	/**
	 * Stops every loop and cancels every pending call; later scheduling throws.
	 */
	@Override
	public void close() {
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			drainInboxCompletely();
			stopLoops();
			drainInboxCompletely();
			cancelAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<DelayedCall> getDelayedCalls() {
		this.lock.lock();
		try {
			drainInbox();
			return snapshot();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return "VirtualTimeReactor[now=" + now() + ", pending=" + pendingCount() + "]";
	}

}
