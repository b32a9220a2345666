package dev.reactortime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.reactortime.internal.timer.TimerNode;
import org.jspecify.annotations.Nullable;

/**
 * A pending call, and its own entry in the reactor's {@link dev.reactortime.internal.timer.TimerWheel}: the wheel
 * holds calls in arrays and each call keeps its index there ({@link TimerNode}), so a pending timer costs the call
 * and one array entry.
 *
 * <p>Its state and due time share one {@code long} ({@link #dueState}): two state bits and 62 bits of due time in
 * nanoseconds on the engine's clock (146 years). Any thread changes it by compare-and-set, so {@code cancel()}
 * racing the reactor's "take it to run" has exactly one winner: no call runs after a successful cancel, none runs
 * twice.
 *
 * <p>On the reactor thread, cancelling a call takes it out of the wheel at once (O(1)) and moving it earlier places
 * it again. From another thread, moving a call earlier hands it to the reactor thread to be placed again. Moving a
 * call later touches nothing, from any thread (the wheel places it again when it comes to the front: the
 * idle-timeout pattern costs one compare-and-set). A call cancelled from another thread stays in the wheel until it
 * comes to the front or the reactor purges the cancelled calls (when they are the majority). Its task is released
 * at once either way.
 *
 * <p>Layout on a 64-bit JVM with compressed references and the default 12-byte header: the wheel index
 * ({@code int}), two {@code long}s (state and due, the id) and two references (task and site): 40 bytes, and one
 * array entry (4 bytes) in the wheel (32 and 4 with JDK 25's compact object headers).
 */
final class ScheduledCall extends TimerNode implements DelayedCall {

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

	/** {@link #claim(long)}: the call is no longer pending (cancelled from another thread) and leaves the wheel. */
	static final long DROP = -1;

	/** {@link #claim(long)}: the call was moved past {@code now} meanwhile and goes back into the wheel. */
	static final long LATER = -2;

	@Override
	protected long deadline() {
		return due();
	}

	@Override
	protected long sequence() {
		return this.id;
	}

	/**
	 * Takes this call to run, for the reactor thread that has just taken it out of the wheel as due: the reactor's
	 * side of the race with {@link #cancel()} and with moves from other threads.
	 * @param now the time the reactor runs due calls for
	 * @return the due time it runs for, or {@link #DROP} or {@link #LATER}
	 */
	long claim(long now) {
		for (;;) {
			long ds = dueState();
			long due = due(ds);
			if (state(ds) != PENDING) {
				return DROP;
			}
			if (due > now) {
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
				engine.moved(this, due(ds), newDue);
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
			if (due(ds) == due) {
				return true;
			}
			if (DUE_STATE.compareAndSet(this, ds, pack(PENDING, due))) {
				this.site.engine.moved(this, due(ds), due);
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
