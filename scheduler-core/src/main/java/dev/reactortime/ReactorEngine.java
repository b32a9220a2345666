package dev.reactortime;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.reactortime.internal.timer.TimerWheel;
import org.jspecify.annotations.Nullable;

/**
 * What both reactors share: scheduling, the timer wheel, running a call, loops, deferreds and timeouts. The
 * subclasses decide who owns the wheel (the reactor thread, or the holder of {@link VirtualTimeReactor}'s lock), how
 * other threads hand calls over, and what the clock is.
 *
 * <p>Times inside are {@code long} nanoseconds since the reactor's origin ({@link #clock()}), never negative.
 */
abstract class ReactorEngine implements Reactor {

	static final System.Logger logger = System.getLogger(Reactor.class.getName());

	private static final VarHandle OWNER_DONE;

	static {
		try {
			OWNER_DONE = MethodHandles.lookup().findVarHandle(ReactorEngine.class, "ownerDone", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Below this many cancelled calls the wheel is never purged (Twisted uses 50). */
	private static final int PURGE_MINIMUM = 64;

	private static final Predicate<ScheduledCall> NOT_PENDING = (call) -> !call.isPending();

	/** The pending calls (owner only). */
	final TimerWheel<ScheduledCall> timers = new TimerWheel<>();

	/** Calls and tasks handed to the owner by other threads. */
	final Inbox inbox = new Inbox();

	private final PaddedCounter ids = new PaddedCounter(1);

	/**
	 * Calls cancelled by other threads: with {@link #ids} (calls made) and {@link #ownerDone} (calls run or cancelled
	 * by the owner) it gives the pending count, and every 1024th nudges the owner ({@link #foreignCancel()}).
	 */
	private final PaddedCounter foreignCancels = new PaddedCounter(0);

	/**
	 * Calls the owner has run or cancelled: a plain counter (published with opaque writes for gauges), so the
	 * reactor thread's hot path has no atomic instruction for it. The pending count needs no counter of its own:
	 * scheduling from another thread then costs one atomic less.
	 */
	private long ownerDone;

	private final Set<LoopingCall> loops = ConcurrentHashMap.newKeySet();

	private final CallSite unnamedCalls = new CallSite(this, CallKind.CALL, CallOptions.DEFAULT);

	private final CallSite unnamedDeferreds = new CallSite(this, CallKind.DEFERRED, CallOptions.DEFAULT);

	/** Site shared by the timers of {@link #timeout}: one per reactor, not one per timeout. */
	final CallSite timeoutTimers = new CallSite(this, CallKind.CALL, Timeout.TIMER);

	private final Instant origin;

	volatile Listeners listeners = Listeners.NONE;

	/** Calls due at a wall-clock instant, moved when the wall clock jumps. */
	private final WallClockCalls wallClockCalls = new WallClockCalls();

	/** What the log says when lock stores fail: once per outage. */
	final LockOutageLog lockOutages = new LockOutageLog();

	ReactorEngine(Instant origin) {
		this.origin = origin;
	}

	// ---- what the subclasses decide

	/** Current time in nanoseconds since the origin. */
	abstract long clock();

	/** Whether the current thread owns the wheel. */
	abstract boolean inLoop();

	/**
	 * Wakes the owner if it sleeps past {@code due} (a call handed off for that time must not wait for it).
	 * @param due the due time of a call just handed off
	 */
	abstract void wake(long due);

	/**
	 * Wakes the owner if it sleeps, so that it drains its inbox and drops cancelled calls soon (a hint; see
	 * {@link #cancelled} and {@link #handOff}).
	 */
	abstract void nudge();

	/** Whether a call may be scheduled now from this thread. */
	abstract boolean isAcceptingCalls();

	/** Throws {@link IllegalStateException} if no call may be scheduled any more. */
	final void checkAcceptingCalls() {
		if (!isAcceptingCalls()) {
			throw new IllegalStateException("Reactor " + this + " is shut down: no more calls can be scheduled");
		}
	}

	/** Called by the owner just before and after a call runs on it (the watchdog's hooks). */
	void beforeRun(ScheduledCall call) {
	}

	void afterRun() {
	}

	/** Whether {@link #runDue} may take another call: false once a call has asked the reactor to stop. */
	boolean keepRunning() {
		return true;
	}

	// ---- time

	Instant toInstant(long nanos) {
		return this.origin.plusNanos(nanos);
	}

	/**
	 * The wall clock, read where a loop anchors its grid to it and where {@link #callAt} converts an instant to a
	 * delay: the system clock for the real-time reactor, its own wall clock for {@link VirtualTimeReactor}.
	 */
	@Override
	public Instant wallClock() {
		return now();
	}

	/**
	 * How long from now until the wall clock next reaches a multiple of {@code interval} since the epoch (0 if it is on
	 * one now): where a locked loop's grid begins, so that the loops of several instances tick together. The wall clock
	 * is read once; the reactor's monotonic clock counts from there.
	 * @param interval the interval in nanoseconds, positive
	 */
	final long delayToWallClockGrid(long interval) {
		Instant wall = wallClock();
		long remainder;
		try {
			long epochNanos = Math.addExact(Math.multiplyExact(wall.getEpochSecond(), 1_000_000_000L), wall.getNano());
			remainder = Math.floorMod(epochNanos, interval);
		}
		catch (ArithmeticException ex) {
			// Beyond the year 2262: exact arithmetic the slow way.
			BigInteger epochNanos = BigInteger.valueOf(wall.getEpochSecond())
				.multiply(BigInteger.valueOf(1_000_000_000L))
				.add(BigInteger.valueOf(wall.getNano()));
			remainder = epochNanos.mod(BigInteger.valueOf(interval)).longValue();
		}
		return (remainder == 0) ? 0 : interval - remainder;
	}

	@Override
	public Instant now() {
		return toInstant(clock());
	}

	// ---- scheduling

	@Override
	public DelayedCall callLater(CallOptions options, Duration delay, Runnable task) {
		Objects.requireNonNull(options, "options must not be null");
		Objects.requireNonNull(task, "task must not be null");
		CallSite site = (options == CallOptions.DEFAULT) ? this.unnamedCalls : new CallSite(this, CallKind.CALL, options);
		return schedule(site, Durations.requireDelay(delay, "delay"), (options.lock() != null) ? new LockedCall(task) : task);
	}

	@Override
	public DelayedCall callAt(CallOptions options, Instant at, Runnable task) {
		Objects.requireNonNull(options, "options must not be null");
		Objects.requireNonNull(at, "at must not be null");
		Objects.requireNonNull(task, "task must not be null");
		CallSite site = (options == CallOptions.DEFAULT) ? this.unnamedCalls : new CallSite(this, CallKind.CALL, options);
		return scheduleAt(site, at, (options.lock() != null) ? new LockedCall(task) : task);
	}

	/**
	 * Schedules a call due at a wall-clock instant (at once if it has passed): its monotonic due time follows the
	 * wall clock, and {@link #checkWallClock} moves it when the wall clock jumps.
	 */
	final ScheduledCall scheduleAt(CallSite site, Instant at, Runnable task) {
		this.wallClockCalls.noteFirstReading(this);
		Instant wall = wallClock();
		ScheduledCall call = schedule(site, WallClockCalls.nanosUntil(wall, at), task);
		this.wallClockCalls.add(call, at);
		return call;
	}

	/**
	 * Notices a wall-clock jump and moves the wall-clock calls with it (owner only). Cheap when there are no
	 * wall-clock calls, and otherwise one read of each clock unless the wall clock has moved apart from the monotonic
	 * clock by {@link WallClockCalls#JUMP_TOLERANCE_NANOS} since the last look.
	 * @param force whether to move the calls whatever the size of the jump ({@link VirtualTimeReactor#jumpWallClock})
	 */
	final void checkWallClock(boolean force) {
		this.wallClockCalls.check(this, force);
	}

	/**
	 * Whether wall-clock calls are pending (owner only): the real-time reactor then sleeps at most
	 * {@link WallClockCalls#CHECK_INTERVAL_NANOS} at a time, so that it notices a jump while it sleeps.
	 */
	final boolean hasWallClockCalls() {
		return this.wallClockCalls.prune();
	}

	ScheduledCall schedule(CallSite site, long delayNanos, Runnable task) {
		checkAcceptingCalls();
		long due = Durations.addClamped(clock(), delayNanos);
		ScheduledCall call = new ScheduledCall(site, this.ids.getAndIncrement(), due, task);
		boolean inLoop = inLoop();
		Listeners listeners = this.listeners;
		if (!listeners.isEmpty()) {
			listeners.scheduled(call);
		}
		if (inLoop) {
			this.timers.add(call);
		}
		else {
			handOff(call, due);
			if ((call.id & 1023) == 0) {
				// Calls far in the future do not wake the owner; one new call in 1024 (ids are given out in order)
				// nudges it, which bounds the inbox of a sleeping reactor.
				nudge();
			}
			if (!isAcceptingCalls() && call.tryCancel()) {
				// Closed between the check and the hand-off: the final sweep may not see it, so it must not stay.
				throw new IllegalStateException("Reactor " + this + " is shut down: no more calls can be scheduled");
			}
		}
		return call;
	}

	/**
	 * Hands a call to the owner, which {@link #position positions} it when it drains the inbox.
	 */
	final void handOff(ScheduledCall call, long due) {
		this.inbox.offer(call);
		wake(due);
	}

	/**
	 * Counts a cancel made by another thread; every 1024th nudges the owner, so that a mass cancellation is reclaimed
	 * while it sleeps. Counted, not sampled by call id (which made reclaiming depend on which calls were touched:
	 * 999,024 cancels of 1,000,000 could nudge nothing) nor drawn at random (which leaves a tail: over a thousand
	 * cancels after the last nudge one time in ten). New calls, the hot path, need no count: their ids are given out
	 * in order.
	 */
	private void foreignCancel() {
		if ((this.foreignCancels.incrementAndGet() & 1023) == 0) {
			nudge();
		}
	}

	/**
	 * Positions the calls and runs the tasks other threads have handed over (owner only).
	 */
	final void drainInbox() {
		Object item;
		while ((item = this.inbox.poll()) != null) {
			accept(item);
		}
	}

	/**
	 * Drains the inbox at shutdown, waiting for producers caught between their exchange and their link: a call
	 * accepted before the reactor closed must reach the final sweep, never stay hidden in the inbox (owner only).
	 */
	final void drainInboxCompletely() {
		this.inbox.pollAll(this::accept);
	}

	private void accept(Object item) {
		if (item instanceof ScheduledCall call) {
			position(call);
		}
		else {
			((Runnable) item).run();
		}
	}

	/**
	 * A pending call's due time moved from {@code from} to {@code to}. A call moved later stays where it is (the
	 * wheel places it again when it comes to the front: the idle-timeout pattern costs one compare-and-set). A call
	 * moved earlier is placed again at once by the owner, and handed over by another thread (the owner must not sleep
	 * past it).
	 */
	final void moved(ScheduledCall call, long from, long to) {
		if (to >= from) {
			return;
		}
		if (inLoop()) {
			if (call.isQueued()) {
				this.timers.reposition(call, from);
			}
			// Not queued: still in the inbox, and placed at its new time when it comes out.
		}
		else {
			handOff(call, to);
		}
	}

	/**
	 * Places a handed-off call (new, or moved earlier) at its due time, or takes it out if it is no longer pending
	 * (owner only).
	 */
	final void position(ScheduledCall call) {
		if (call.isPending()) {
			this.timers.reposition(call);
		}
		else {
			this.timers.remove(call);
		}
	}

	/**
	 * Bookkeeping of a successful cancel, on the cancelling thread.
	 */
	void cancelled(ScheduledCall call) {
		boolean inLoop = inLoop();
		if (inLoop) {
			ownerDone();
			this.timers.remove(call);
		}
		else {
			// Cancelled calls from other threads are dropped lazily; one cancel in 1024 nudges the owner so that a
			// mass cancellation frees its memory even while the reactor sleeps.
			foreignCancel();
		}
		Listeners listeners = this.listeners;
		if (!listeners.isEmpty()) {
			listeners.cancelled(call);
		}
	}

	/**
	 * Takes the calls cancelled by other threads out of the wheel when they are the majority (owner only): O(n) for
	 * n/2 cancels at least, so O(1) per cancel.
	 */
	final void purgeIfMostlyDead() {
		int size = this.timers.size();
		long dead = size - pendingCount();
		if (dead > PURGE_MINIMUM && dead > (size >>> 1)) {
			this.timers.removeIf(NOT_PENDING);
		}
	}

	@Override
	public long pendingCount() {
		long made = this.ids.get() - 1;
		return Math.max(0, made - (long) OWNER_DONE.getOpaque(this) - this.foreignCancels.get());
	}

	/** Counts a call run or cancelled by the owner. */
	private void ownerDone() {
		OWNER_DONE.setOpaque(this, this.ownerDone + 1);
	}

	// ---- running

	/**
	 * Runs, in order, the calls due at or before {@code now} that were scheduled before this turn began (ids below
	 * {@code idLimit}); calls they schedule wait for the next turn, so a zero-interval loop runs once per turn.
	 * Owner only.
	 * @return how many calls ran
	 */
	final int runDue(long now, long idLimit) {
		int ran = 0;
		TimerWheel<ScheduledCall> timers = this.timers;
		while (keepRunning()) {
			ScheduledCall call = timers.peek(now);
			if (call == null || call.id >= idLimit) {
				break;
			}
			timers.remove(call);
			long due = call.claim(now);
			if (due == ScheduledCall.LATER) {
				timers.add(call);
			}
			else if (due != ScheduledCall.DROP) {
				run(call, due);
				ran++;
			}
		}
		return ran;
	}

	/** Next id to be given out: calls with ids below it exist already. */
	final long nextId() {
		return this.ids.get();
	}

	/**
	 * Runs a call that the owner has just claimed.
	 */
	final void run(ScheduledCall call, long due) {
		Runnable task = call.task;
		call.task = null;
		ownerDone();
		if (task instanceof LoopTick tick) {
			tick.fire(call, due);
			return;
		}
		Executor executor = call.site.executor();
		if (executor == null) {
			invoke(call, task, due);
		}
		else {
			dispatch(executor, call, task, due);
		}
	}

	private void dispatch(Executor executor, ScheduledCall call, @Nullable Runnable task, long due) {
		try {
			executor.execute(() -> invoke(call, task, due));
		}
		catch (RejectedExecutionException ex) {
			if (task instanceof DeferredTask<?> deferred) {
				// Whoever holds the future must hear of it: a future left pending would wait forever.
				deferred.future.completeExceptionally(ex);
			}
			failedToStart(call, due, ex);
		}
	}

	final void failedToStart(DelayedCall call, long due, Throwable ex) {
		long lag = Math.max(0, clock() - due);
		logger.log(Level.ERROR, "Call '" + call.name() + "' could not start", ex);
		this.listeners.finished(call, lag, 0, ex);
	}

	/**
	 * Runs {@code task} on this thread with the listener's events around it. An exception is logged (unless a
	 * deferred call hands it to its future) and reported; a {@link VirtualMachineError} propagates.
	 */
	final void invoke(ScheduledCall call, @Nullable Runnable task, long due) {
		invoke(call, task, due, null);
	}

	/**
	 * {@link #invoke(ScheduledCall, Runnable, long)} inside a lock's lease.
	 */
	final void invoke(ScheduledCall call, @Nullable Runnable task, long due, CallLock.@Nullable Lease lease) {
		Listeners listeners = this.listeners;
		// The clock is read only for listeners: without them a call costs no clock read at all.
		boolean listened = !listeners.isEmpty();
		long start = listened ? clock() : 0;
		long lag = listened ? Math.max(0, start - due) : 0;
		if (listened) {
			listeners.started(call, lag);
		}
		beforeRun(call);
		Throwable error = null;
		try {
			if (task != null) {
				if (lease == null) {
					task.run();
				}
				else {
					Locking.runHolding(lease, task);
				}
			}
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			error = ex;
		}
		finally {
			afterRun();
		}
		if (task instanceof DeferredTask<?> deferred) {
			error = deferred.failure();
		}
		else if (error != null) {
			logger.log(Level.ERROR, "Call '" + call.name() + "' (" + call.source() + ") failed", error);
		}
		if (listened) {
			listeners.finished(call, lag, clock() - start, error);
		}
	}

	/**
	 * Runs {@code task} on the owner: here if this thread is the owner, otherwise through the inbox. If the reactor
	 * shuts down before the task could run, {@code onClosed} runs instead (on whichever thread finds out), so a
	 * locked body that arrives too late still gives its lock back.
	 */
	final void runOnOwner(Runnable task, Runnable onClosed) {
		OwnerTask handed = new OwnerTask(task, onClosed);
		if (inLoop()) {
			handed.run();
			return;
		}
		this.inbox.offer(handed);
		wake(0);
		if (!isAcceptingCalls()) {
			handed.abandon(); // the final sweep may have drained the inbox already
		}
	}

	/**
	 * A task handed to the owner that runs once: as itself while the reactor accepts calls, or as its fallback.
	 */
	private final class OwnerTask implements Runnable {

		private final AtomicBoolean claimed = new AtomicBoolean();

		private final Runnable task;

		private final Runnable onClosed;

		OwnerTask(Runnable task, Runnable onClosed) {
			this.task = task;
			this.onClosed = onClosed;
		}

		@Override
		public void run() {
			if (this.claimed.compareAndSet(false, true)) {
				if (isAcceptingCalls()) {
					this.task.run();
				}
				else {
					this.onClosed.run();
				}
			}
		}

		void abandon() {
			if (this.claimed.compareAndSet(false, true)) {
				this.onClosed.run();
			}
		}

	}

	// ---- deferreds, loops, timeouts

	@Override
	public <T> CompletableFuture<T> deferLater(CallOptions options, Duration delay, Callable<T> task) {
		Objects.requireNonNull(options, "options must not be null");
		Objects.requireNonNull(task, "task must not be null");
		long nanos = Durations.requireDelay(delay, "delay");
		CallSite site = (options == CallOptions.DEFAULT) ? this.unnamedDeferreds
				: new CallSite(this, CallKind.DEFERRED, options);
		DeferredTask<T> deferred = new DeferredTask<>(task);
		deferred.call = schedule(site, nanos, (options.lock() != null) ? new LockedCall(deferred) : deferred);
		return deferred.future;
	}

	@Override
	public LoopingCall loopingCall(CallOptions options, Runnable body) {
		Objects.requireNonNull(body, "body must not be null");
		return new Loop(this, options, LoopBody.of(body));
	}

	@Override
	public LoopingCall loopingCallWithCount(CallOptions options, IntConsumer body) {
		Objects.requireNonNull(body, "body must not be null");
		return new Loop(this, options, LoopBody.withCount(body));
	}

	@Override
	public LoopingCall loopingCallAsync(CallOptions options, Supplier<? extends CompletionStage<?>> body) {
		Objects.requireNonNull(body, "body must not be null");
		return new Loop(this, options, LoopBody.async(body));
	}

	@Override
	public <T> CompletableFuture<T> timeout(CompletableFuture<T> future, Duration timeout) {
		return Timeout.apply(this, future, timeout, null);
	}

	@Override
	public <T> CompletableFuture<T> timeout(CompletableFuture<T> future, Duration timeout,
			Function<? super TimeoutException, ? extends T> onTimeoutCancel) {
		Objects.requireNonNull(onTimeoutCancel, "onTimeoutCancel must not be null");
		return Timeout.apply(this, future, timeout, onTimeoutCancel);
	}

	void loopStarted(Loop loop) {
		this.loops.add(loop);
	}

	void loopStopped(Loop loop) {
		if (CallOptions.UNNAMED.equals(loop.name())) {
			this.loops.remove(loop);
		}
	}

	@Override
	public List<LoopingCall> getLoopingCalls() {
		List<LoopingCall> loops = new ArrayList<>(this.loops);
		loops.sort(Comparator.comparing(LoopingCall::name));
		return loops;
	}

	/**
	 * Stops every running loop (shutdown). The loops' pending calls are cancelled with the others.
	 */
	final void stopLoops() {
		for (LoopingCall loop : this.loops) {
			((Loop) loop).stopForShutdown();
		}
	}

	/**
	 * Sorted snapshot of the pending calls in the wheel (owner only).
	 */
	final List<DelayedCall> snapshot() {
		List<ScheduledCall> calls = new ArrayList<>(this.timers.size());
		this.timers.forEach((call) -> {
			if (call.isPending()) {
				calls.add(call);
			}
		});
		// Other threads may move calls while this sorts: sort on due times read once, or the order is inconsistent
		// (and TimSort says so with an exception).
		int size = calls.size();
		long[] dues = new long[size];
		Integer[] order = new Integer[size];
		for (int i = 0; i < size; i++) {
			dues[i] = calls.get(i).due();
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingLong((Integer i) -> dues[i]).thenComparingLong((i) -> calls.get(i).id));
		List<DelayedCall> sorted = new ArrayList<>(size);
		for (Integer i : order) {
			sorted.add(calls.get(i));
		}
		return Collections.unmodifiableList(sorted);
	}

	/**
	 * Cancels every call in the wheel (owner only, shutdown).
	 * @return how many were pending
	 */
	final int cancelAll() {
		int cancelled = 0;
		for (ScheduledCall call : this.timers.clear()) {
			if (call.tryCancel()) {
				cancelled++;
			}
		}
		return cancelled;
	}

	// ---- listeners

	@Override
	public synchronized void addListener(ReactorListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		this.listeners = this.listeners.with(listener);
	}

	@Override
	public synchronized void removeListener(ReactorListener listener) {
		this.listeners = this.listeners.without(listener);
	}

}
