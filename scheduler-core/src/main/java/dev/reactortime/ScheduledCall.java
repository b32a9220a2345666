package dev.reactortime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A pending call: what the reactor's {@link CallHeap} holds entries of.
 *
 * <p>Its state and due time share one {@code long} ({@link #dueState}): two state bits and 62 bits of due time in
 * nanoseconds on the engine's clock (146 years). Any thread changes it by compare-and-set, so {@code cancel()}
 * racing the reactor's "take it to run" has exactly one winner: no call runs after a successful cancel, none runs
 * twice.
 *
 * <p>Moving a call later does not touch the heap: when its entry comes to the top, the reactor finds the due time
 * past the entry's key and pushes it back (the idle-timeout pattern costs one compare-and-set). Moving it earlier
 * asks the reactor thread to add an entry at the new time. A cancelled call stays in the heap until its entry comes
 * to the top or the heap is purged; its task is released at once.
 *
 * <p>Layout on a 64-bit JVM with compressed references: header, two {@code long}s (state and due, the id), two
 * references and an {@code int} (the purge mark): 40 bytes with a 12-byte header (JDK 17; the mark takes what was
 * alignment padding), also 40 with compact object headers (JDK 25's {@code -XX:+UseCompactObjectHeaders}, where it
 * costs 8); the heap adds 12 bytes per entry (a key and a reference).
 */
final class ScheduledCall implements DelayedCall {

	static final long MAX_DUE = (1L << 62) - 1;

	static final int PENDING = 0;

	static final int CALLED = 1;

	static final int CANCELLED = 2;

	private static final VarHandle DUE_STATE;

	static {
		try {
			DUE_STATE = MethodHandles.lookup().findVarHandle(ScheduledCall.class, "dueState", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** State (top two bits) and due time (low 62 bits); see the class comment. */
	@SuppressWarnings("unused") // accessed through DUE_STATE
	private volatile long dueState;

	final long id;

	/** What to run; cleared when the call runs or is cancelled so the user's objects are not retained. */
	@Nullable Runnable task;

	final CallSite site;

	/** Number of the last {@link CallHeap#purge()} that kept an entry of this call (the heap's owner only). */
	int purgeMark;

	ScheduledCall(CallSite site, long id, long due, Runnable task) {
		this.site = site;
		this.id = id;
		this.task = task;
		DUE_STATE.setRelease(this, due);
	}

	static int state(long dueState) {
		return (int) (dueState >>> 62);
	}

	static long due(long dueState) {
		return dueState & MAX_DUE;
	}

	static long pack(int state, long due) {
		return ((long) state << 62) | due;
	}

	long dueState() {
		return (long) DUE_STATE.getVolatile(this);
	}

	long due() {
		return due(dueState());
	}

	boolean isPending() {
		return state(dueState()) == PENDING;
	}

	boolean isCancelled() {
		return state(dueState()) == CANCELLED;
	}

	/** {@link #claim(long)}: the entry is dead (call cancelled, called, or moved earlier) and leaves the heap. */
	static final long DROP = -1;

	/** {@link #claim(long)}: the call was moved later than the entry's key and goes back into the heap. */
	static final long LATER = -2;

	/**
	 * Takes this call to run, for a heap entry with key {@code key} that the reactor thread has just taken off the
	 * heap: the reactor's side of the race with {@link #cancel()}.
	 * @param key the entry's key
	 * @return the due time it runs for, or {@link #DROP} or {@link #LATER}
	 */
	long claim(long key) {
		for (;;) {
			long ds = dueState();
			long due = due(ds);
			if (state(ds) != PENDING || due < key) {
				return DROP;
			}
			if (due > key) {
				return LATER;
			}
			if (DUE_STATE.compareAndSet(this, ds, pack(CALLED, due))) {
				return due;
			}
		}
	}

	/**
	 * Cancels without throwing.
	 * @return {@code true} if this call was pending and is now cancelled
	 */
	boolean tryCancel() {
		for (;;) {
			long ds = dueState();
			if (state(ds) != PENDING) {
				return false;
			}
			if (DUE_STATE.compareAndSet(this, ds, pack(CANCELLED, due(ds)))) {
				Runnable task = this.task;
				this.task = null;
				this.site.engine.cancelled(this);
				if (task instanceof CancellableTask cancellable) {
					// Cancelling the call behind a deferLater (from getDelayedCalls or an endpoint) must not leave
					// its future pending forever: the future is cancelled with it. Likewise a timeout's result.
					cancellable.callCancelled();
				}
				return true;
			}
		}
	}

	@Override
	public void cancel() {
		if (!tryCancel()) {
			throw notPending("cancel");
		}
	}

	@Override
	public void delay(Duration by) {
		Objects.requireNonNull(by, "by must not be null");
		long nanos = Durations.toNanosSaturated(by);
		move(nanos, true);
	}

	@Override
	public void reset(Duration delay) {
		long nanos = Durations.requireDelay(delay, "delay");
		move(nanos, false);
	}

	private void move(long nanos, boolean relative) {
		ReactorEngine engine = this.site.engine;
		for (;;) {
			long ds = dueState();
			if (state(ds) != PENDING) {
				throw notPending(relative ? "delay" : "reset");
			}
			long base = relative ? due(ds) : engine.clock();
			long newDue = Durations.addClamped(base, nanos);
			if (DUE_STATE.compareAndSet(this, ds, pack(PENDING, newDue))) {
				if (newDue < due(ds)) {
					// Sooner than its heap entry: the reactor thread must add one at the new time (later needs nothing).
					engine.reposition(this, newDue);
				}
				return;
			}
		}
	}

	/**
	 * Moves a pending call to {@code due} on the engine's clock (a wall-clock jump).
	 * @return {@code false} if the call is no longer pending
	 */
	boolean moveTo(long due) {
		for (;;) {
			long ds = dueState();
			if (state(ds) != PENDING) {
				return false;
			}
			if (due(ds) == due || DUE_STATE.compareAndSet(this, ds, pack(PENDING, due))) {
				if (due < due(ds)) {
					this.site.engine.reposition(this, due);
				}
				return true;
			}
		}
	}

	private IllegalStateException notPending(String operation) {
		String what = "Cannot " + operation + " call " + this.id + " (" + name() + ")";
		return (state(dueState()) == CALLED) ? new AlreadyCalledException(what + ": it has already been called")
				: new AlreadyCancelledException(what + ": it has already been cancelled");
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public String name() {
		return this.site.options.name();
	}

	@Override
	public CallKind kind() {
		return this.site.kind;
	}

	@Override
	public String source() {
		return this.site.options.source();
	}

	@Override
	public @Nullable String lockName() {
		CallLock lock = this.site.options.lock();
		return (lock != null) ? lock.name() : null;
	}

	@Override
	public Instant getTime() {
		return this.site.engine.toInstant(due());
	}

	@Override
	public boolean active() {
		return isPending();
	}

	@Override
	public String toString() {
		long ds = dueState();
		String state = switch (state(ds)) {
			case PENDING -> "pending";
			case CALLED -> "called";
			default -> "cancelled";
		};
		return "DelayedCall[id=" + this.id + ", name=" + name() + ", kind=" + kind().tag() + ", " + state + ", due="
				+ this.site.engine.toInstant(due(ds)) + "]";
	}

}
