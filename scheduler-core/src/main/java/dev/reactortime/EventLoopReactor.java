package dev.reactortime;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The real-time reactor: one thread that owns the {@link dev.reactortime.internal.timer.TimerWheel timer wheel},
 * sleeps until the next call is due, and runs due calls inline, in order.
 *
 * <p><b>Threading.</b> Other threads never touch the wheel: they hand calls over through the lock-free
 * {@link Inbox} and wake the reactor thread only when the new call is due before the time it sleeps until
 * ({@link #parkedUntil}), so scheduling far-off calls from another thread costs no system call. The reactor
 * publishes its wake-up time before its last look at the inbox, and producers read it after their offer: one of
 * the two always sees the other, so no wake-up is lost.
 *
 * <p><b>Turns.</b> Each turn drains the inbox, then runs the calls that are due and were scheduled before the turn
 * began; calls those calls schedule for "now" run in the next turn, after the inbox has been looked at again.
 *
 * <p><b>Waiting.</b> {@code LockSupport.parkNanos} to the next due time (no periodic tick: an idle reactor does not
 * wake at all), or, in precise mode, parking until {@code spin} before it and spinning the rest. Either way the
 * reactor learns how late a timed park wakes it on this machine (Linux's timer slack alone is 50 us) and parks that
 * much earlier, spinning only for what is left: it wakes near its deadline instead of always one slack after it.
 * The estimate follows the low end of the lateness seen (down quickly, up slowly), so the spin is short and rare.
 * A deadline closer than that estimate is parked for all the same in default mode (its lateness is then the
 * slack's): spinning through such gaps would keep a core busy at high rates, which is precise mode's trade.
 */
final class EventLoopReactor extends ReactorEngine {

	private static final long AWAKE = Long.MIN_VALUE;

	private static final int NEW = 0;

	private static final int RUNNING = 1;

	private static final int CLOSING = 2;

	private static final int CLOSED = 3;

	private static final VarHandle RUNNING_CALL;

	static {
		try {
			RUNNING_CALL = MethodHandles.lookup()
				.findVarHandle(EventLoopReactor.class, "runningCall", ScheduledCall.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final String threadName;

	private final boolean daemon;

	private final ShutdownMode shutdownMode;

	private final long gracePeriodNanos;

	private final long spinNanos;

	private final Ticker ticker;

	private final long tickerOrigin;

	private final @Nullable Watchdog watchdog;

	private final AtomicInteger state = new AtomicInteger(NEW);

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable Thread thread;

	/** The due time the reactor sleeps until ({@code Long.MAX_VALUE}: no call pending), or {@link #AWAKE}. */
	private volatile long parkedUntil = AWAKE;

	/** The call running on the reactor thread, for the watchdog (written with release semantics, no fence). */
	@SuppressWarnings("unused") // accessed through RUNNING_CALL
	private @Nullable ScheduledCall runningCall;

	private volatile @Nullable Throwable fatal;

	/** Set by {@link #nudge()}: another turn is wanted before the reactor sleeps (see there). */
	private volatile boolean nudged;

	/** Calls in the wheel at the end of the last turn, pending and cancelled (published for tests and diagnostics). */
	private volatile int wheelSizeAfterLastTurn;

	/**
	 * The longest the reactor sleeps at a time while a producer is between taking its inbox index and storing its
	 * element ({@link #park}).
	 */
	private static final long STALLED_PRODUCER_NANOS = 50_000;

	/** A gap between two clock reads of a spin longer than this: the thread lost its core meanwhile. */
	private static final long PREEMPTED_NANOS = 20_000;

	/** How long before a deadline precise mode stops parking now, adapted by {@link #spinUntil} (reactor thread). */
	private long spinBudget;

	/** The most {@link #parkLateness} can learn: a bound on the spin it adds. */
	private static final long MAX_PARK_LATENESS = 200_000;

	/**
	 * How late a timed park usually wakes the reactor thread, learned from the parks that ran their full time
	 * (reactor thread): parks end this much earlier.
	 */
	private long parkLateness;

	/** Set while drain mode runs the calls due within the grace period (the reactor thread only). */
	private boolean draining;

	EventLoopReactor(ReactorBuilder settings) {
		super(Instant.now());
		this.threadName = settings.threadName;
		this.daemon = settings.daemon;
		this.shutdownMode = settings.shutdownMode;
		this.gracePeriodNanos = Durations.toNanosSaturated(settings.gracePeriod);
		this.spinNanos = settings.spin.toNanos();
		this.spinBudget = this.spinNanos;
		this.ticker = settings.ticker;
		this.tickerOrigin = this.ticker.read();
		this.watchdog = settings.watchdogThreshold.isZero() ? null
				: new Watchdog(this, Durations.toNanosSaturated(settings.watchdogThreshold),
						settings.threadName + "-watchdog");
	}

	// ---- clock and ownership

	@Override
	public Instant wallClock() {
		return Instant.now();
	}

	@Override
	long clock() {
		return Math.max(0, this.ticker.read() - this.tickerOrigin);
	}

	@Override
	boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	@Override
	void wake(long due) {
		if (due < this.parkedUntil) {
			LockSupport.unpark(this.thread);
		}
	}

	@Override
	void nudge() {
		// Remembered, not only delivered: a nudge that arrives while the reactor is awake (purging, say) must still
		// bring it round once more before it sleeps, or the cancels that came after its purge stay in the wheel until
		// the next call is due. park() reads the flag after publishing its deadline; this reads the deadline after
		// setting the flag: one of the two sees the other.
		this.nudged = true;
		if (this.parkedUntil != AWAKE) {
			LockSupport.unpark(this.thread);
		}
	}

	@Override
	boolean isAcceptingCalls() {
		int state = this.state.get();
		return state < CLOSING || (state == CLOSING && inLoop());
	}

	// ---- watchdog hooks

	@Override
	void beforeRun(ScheduledCall call) {
		if (this.watchdog != null && inLoop()) {
			RUNNING_CALL.setRelease(this, call);
		}
	}

	@Override
	void afterRun() {
		if (this.watchdog != null && inLoop()) {
			RUNNING_CALL.setRelease(this, null);
		}
	}

	@Override
	boolean keepRunning() {
		// close() from inside a call: the calls still due in this turn must not run (drain mode runs them later).
		return this.draining || this.state.get() == RUNNING;
	}

	@Nullable ScheduledCall runningCall() {
		return (ScheduledCall) RUNNING_CALL.getAcquire(this);
	}

	int wheelSizeAfterLastTurn() {
		return this.wheelSizeAfterLastTurn;
	}

	boolean isParked() {
		return this.parkedUntil != AWAKE;
	}

	@Nullable Thread thread() {
		return this.thread;
	}

	// ---- lifecycle

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			int state = this.state.get();
			if (state == RUNNING) {
				return;
			}
			if (state != NEW) {
				throw new IllegalStateException("Reactor " + this + " is closed and cannot be started again");
			}
			Thread thread = new Thread(this::runLoop, this.threadName);
			thread.setDaemon(this.daemon);
			this.thread = thread;
			this.state.set(RUNNING);
			thread.start();
			if (this.watchdog != null) {
				this.watchdog.start();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.state.get() == RUNNING;
	}

	@Override
	public void close() {
		Thread thread;
		synchronized (this.lifecycleMonitor) {
			int state = this.state.get();
			if (state == NEW) {
				this.state.set(CLOSED);
				sweep(); // no reactor thread: the closing thread is the owner
				return;
			}
			thread = this.thread;
			if (state == RUNNING) {
				this.state.set(CLOSING);
			}
		}
		LockSupport.unpark(thread);
		// From inside a call, or from a watchdog listener (the reactor thread joins the watchdog's thread as it
		// ends): waiting here for the reactor thread would wait for ourselves.
		if (thread != null && !inLoop() && (this.watchdog == null || !this.watchdog.isCurrentThread())) {
			joinUninterruptibly(thread);
		}
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	// ---- the loop

	private void runLoop() {
		// Most of a park's lateness on Linux is the thread's timer slack: this thread asks for 10 us instead of 50
		// (TimerSlack.REACTOR_SLACK_NANOS).
		boolean slackSet = TimerSlack.set(TimerSlack.REACTOR_SLACK_NANOS);
		logger.log(Level.DEBUG, () -> "Reactor " + this.threadName + ": timer slack "
				+ (slackSet ? "set to " + TimerSlack.REACTOR_SLACK_NANOS + " ns" : "left as it is"));
		try {
			while (this.state.get() == RUNNING) {
				try {
					turn(Long.MAX_VALUE);
				}
				catch (VirtualMachineError ex) {
					throw ex;
				}
				catch (Throwable ex) {
					// Calls and listeners are guarded where they run; this guards the thread against everything
					// else (a bug of ours, say), so that isRunning() never claims a thread that is gone.
					logger.log(Level.ERROR, "Reactor " + this.threadName + " failed between calls; it keeps running", ex);
				}
			}
			if (this.shutdownMode == ShutdownMode.DRAIN) {
				this.draining = true;
				drain(Durations.addClamped(clock(), this.gracePeriodNanos));
				this.draining = false;
			}
			this.state.set(CLOSED);
			sweep();
		}
		catch (VirtualMachineError ex) {
			// Documented: an Error such as OutOfMemoryError is not swallowed; the reactor dies with it. It still
			// closes on the way out, so nothing stays active() and later scheduling fails at once.
			this.fatal = ex;
			this.state.set(CLOSED);
			try {
				sweep();
			}
			catch (Throwable suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
		finally {
			this.parkedUntil = AWAKE;
			if (this.watchdog != null) {
				this.watchdog.stop();
			}
		}
	}

	/**
	 * One turn: drain the inbox, run what is due (not beyond {@code limit}), sleep until the next due time.
	 */
	private void turn(long limit) {
		if (this.nudged) {
			this.nudged = false; // written only when set: no fence on the usual turn
		}
		drainInbox();
		checkWallClock(false);
		runDue(Math.min(clock(), limit), nextId());
		purgeIfMostlyDead();
		this.wheelSizeAfterLastTurn = this.timers.size();
		long now = clock();
		long next = this.timers.nextDeadline(now);
		if (next > now && !this.inbox.hasPollable()) {
			long deadline = Math.min(next, limit);
			// A wall-clock jump moves wall-clock calls, and only a look at both clocks notices it: while such calls
			// are pending, sleep in bounded steps. Without them an idle reactor still never wakes.
			if (deadline - now > WallClockCalls.CHECK_INTERVAL_NANOS && hasWallClockCalls()) {
				deadline = now + WallClockCalls.CHECK_INTERVAL_NANOS;
			}
			park(deadline);
		}
	}

	private void park(long deadline) {
		// A call may have left the interrupt flag set (catch InterruptedException, then interrupt(): the usual
		// idiom). Nothing interrupts the reactor thread on purpose (close() unparks it), and park() returns at once
		// while the flag is set: left alone, it would make an idle reactor spin a whole core.
		Thread.interrupted();
		this.parkedUntil = deadline;
		try {
			// Look again after publishing the deadline: a producer that offered before it may not have woken us.
			if (this.inbox.hasPollable() || this.state.get() != RUNNING || this.nudged) {
				return;
			}
			if (!this.inbox.isEmpty()) {
				// A producer has taken an inbox index and not stored its element yet: preempted, perhaps by this very
				// thread. Looping until it has can keep it off the core for a whole time slice (measured: episodes of
				// 1-5 ms, about 13 a second at 100,000 calls a second). Sleep a little instead, never past the
				// deadline; the bound covers a producer whose wake-up read the deadline before it was set.
				long wait = Math.min(deadline - clock(), STALLED_PRODUCER_NANOS);
				if (wait > 0) {
					LockSupport.parkNanos(this, wait);
				}
				return;
			}
			if (deadline == Long.MAX_VALUE) {
				LockSupport.park(this);
				return;
			}
			long spin = this.spinBudget;
			long parkedAt = clock();
			long wait = deadline - parkedAt - spin - this.parkLateness;
			if (wait <= 0 && spin == 0) {
				// Due within the usual lateness of a park: default mode parks all the same (spinning instead would
				// cost a core at high rates; precise mode is the choice that spends it).
				wait = deadline - parkedAt;
				if (wait > 0) {
					LockSupport.parkNanos(this, wait);
				}
				return;
			}
			if (wait > 0) {
				LockSupport.parkNanos(this, wait);
				long late = clock() - (parkedAt + wait);
				if (late < 0) {
					return; // unparked: something came in
				}
				learnParkLateness(late);
			}
			if (spin > 0) {
				spinUntil(deadline);
			}
			else {
				waitOut(deadline);
			}
		}
		finally {
			this.parkedUntil = AWAKE;
			if (this.watchdog != null) {
				this.watchdog.reactorAwake();
			}
		}
	}

	/**
	 * Follows the low end of the lateness of timed parks: a wake-up earlier than the estimate pulls it a quarter of the
	 * way down, a later one a sixty-fourth of the way up, so it settles near the latenesses most parks exceed.
	 */
	private void learnParkLateness(long late) {
		long estimate = this.parkLateness;
		estimate += (late < estimate) ? -((estimate - late) >> 2) : (late - estimate) >> 6;
		this.parkLateness = Math.min(MAX_PARK_LATENESS, estimate);
	}

	/**
	 * Default mode's end of a park that ended early on purpose (by {@link #parkLateness}): spins the little that is
	 * left, unless something comes in.
	 */
	private void waitOut(long deadline) {
		while (clock() < deadline && !this.inbox.hasPollable() && !this.nudged && this.state.get() == RUNNING) {
			Thread.onSpinWait();
		}
	}

	/**
	 * Precise mode's spin, which adapts its budget: on a busy machine a spinning thread loses its core in the middle
	 * of the spin and wakes far later than a parked one would. Such a spin (two clock reads more than
	 * {@link #PREEMPTED_NANOS} apart) halves the budget, down to a sixteenth of the configured spin; a spin that
	 * keeps its core earns a sixteenth back.
	 */
	private void spinUntil(long deadline) {
		long last = clock();
		boolean preempted = false;
		while (last < deadline && !this.inbox.hasPollable() && this.state.get() == RUNNING) {
			Thread.onSpinWait();
			long now = clock();
			preempted |= now - last > PREEMPTED_NANOS;
			last = now;
		}
		long step = Math.max(1, this.spinNanos >> 4);
		this.spinBudget = preempted ? Math.max(step, this.spinBudget >> 1)
				: Math.min(this.spinNanos, this.spinBudget + step);
	}

	/**
	 * Drain mode: keep running until no call is due before {@code deadline} (calls made meanwhile included).
	 */
	private void drain(long deadline) {
		for (;;) {
			drainInbox();
			long now = clock();
			long next = this.timers.nextDeadline(now);
			if (next > deadline) {
				return;
			}
			if (next <= now) {
				runDue(Math.min(now, deadline), nextId());
			}
			else {
				Thread.interrupted(); // see park()
				LockSupport.parkNanos(this, next - now);
			}
		}
	}

	/**
	 * Final sweep (state is CLOSED): stop the loops, cancel whatever is pending, answer waiting snapshot requests.
	 */
	private void sweep() {
		drainInboxCompletely();
		stopLoops();
		drainInboxCompletely();
		int cancelled = cancelAll();
		if (cancelled > 0) {
			logger.log(Level.DEBUG, () -> "Reactor " + this.threadName + " closed; cancelled " + cancelled
					+ " pending calls");
		}
	}

	// ---- snapshots

	@Override
	public List<DelayedCall> getDelayedCalls() {
		return onOwner(this::snapshot, List.of());
	}

	/**
	 * Evaluates {@code query} where the wheel may be read: on the reactor thread (between two calls), or here when
	 * there is no reactor thread yet.
	 * @param query what to evaluate, after the inbox is drained
	 * @param whenClosed the answer once the reactor is closed
	 */
	<T> T onOwner(Supplier<T> query, T whenClosed) {
		if (inLoop()) {
			drainInbox();
			return query.get();
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		synchronized (this.lifecycleMonitor) {
			int state = this.state.get();
			if (state == NEW) {
				drainInbox(); // no reactor thread yet: the caller is the owner
				return query.get();
			}
			if (state == CLOSED) {
				return whenClosed;
			}
			this.inbox.offer((Runnable) () -> {
				try {
					drainInbox();
					result.complete(query.get());
				}
				catch (VirtualMachineError ex) {
					result.completeExceptionally(ex);
					throw ex;
				}
				catch (Throwable ex) {
					result.completeExceptionally(ex);
				}
			});
		}
		LockSupport.unpark(this.thread);
		return await(result, whenClosed);
	}

	private <T> T await(CompletableFuture<T> result, T whenClosed) {
		// The reactor answers between two calls; a call that blocks the thread delays the answer.
		for (;;) {
			try {
				return result.get(100, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				Thread thread = this.thread;
				if (this.fatal != null || thread == null || !thread.isAlive()) {
					return whenClosed;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return whenClosed;
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Query on the reactor thread failed", ex.getCause());
			}
		}
	}

	@Override
	public String toString() {
		String[] states = { "new", "running", "closing", "closed" };
		return "Reactor[" + this.threadName + ", " + states[this.state.get()] + ", pending=" + pendingCount() + "]";
	}

}
