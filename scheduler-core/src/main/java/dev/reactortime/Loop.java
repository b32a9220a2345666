package dev.reactortime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * The {@link LoopingCall} of both reactors: Twisted's {@code task.LoopingCall} in integer nanoseconds.
 *
 * <p>The grid is {@code start + k·interval}. After a call, the next one is due at the first grid point strictly
 * after the time the body finished ({@code interval − (elapsed mod interval)} from then, Twisted's
 * {@code _scheduleFrom}); grid points jumped over are counted as skipped. A {@code withCount} body gets
 * {@code ⌊(now − start)/interval⌋ − ⌊(last − start)/interval⌋}, with {@code last} the time of its previous call
 * ({@code start − interval} before the first call of a loop started with {@code now}).
 *
 * <p>State is guarded by {@code this}; the lock is never held while the body runs, nor while a future completes.
 * Scheduling under the lock is safe because scheduling never waits for the owner of the wheel.
 *
 * <p><b>Shutdown.</b> A loop registers with the reactor before its first call is scheduled, so the final sweep of a
 * closing reactor sees every loop whose call it accepted, and stops it. A call the closing reactor refuses (a
 * {@code start}, {@code reset} or next call racing {@code close()}) ends the loop on the spot: {@code start} throws
 * and leaves it stopped; otherwise it stops and its future completes. After {@code close()} returns, every loop is
 * stopped and every start future complete, including loops whose body is still running on an executor.
 *
 * <p><b>Locks.</b> A loop whose options carry a {@link CallLock} anchors its grid to the wall clock: {@code start}
 * is the next multiple of the interval since the epoch (the wall clock read once, the monotonic clock after), the
 * first call due there ({@code now}) or one interval later, and {@code reset()} anchors again. Each tick takes the
 * lock on the lock's executor; a tick whose lock is held elsewhere or cannot be taken is counted as locked out and the
 * loop waits for the next grid point, as after a body. Otherwise the body runs where it would without a lock, and the
 * next tick is scheduled once the lock has been released. A {@code withCount} body counts the grid points since its
 * last tick on this reactor, whether that tick ran the body or was locked out.
 *
 * <p><b>Restart.</b> {@code start} on a stopped loop begins a new run: {@link #callCount()} and the skipped count
 * start again from zero (a body that stops itself at {@code callCount() == 3} does so on every run); the last
 * start, duration and outcome are kept until the new run replaces them.
 */
final class Loop implements LoopingCall, LoopTick {

	private final ReactorEngine engine;

	private final CallSite site;

	private final LoopBody body;

	private boolean running;

	private @Nullable CompletableFuture<LoopingCall> future;

	/** The pending call, or {@code null} while the body runs (or when stopped). */
	private @Nullable ScheduledCall call;

	private long intervalNanos = -1;

	private long startNanos;

	private boolean runAtStart;

	/** Time of the last call of a {@code withCount} body, or -1 before the first one. */
	private long lastCallNanos = -1;

	/** Grid index of the pending call. */
	private long scheduledIndex;

	private long calls;

	private long skipped;

	/** Ticks of the current run skipped because the lock was held elsewhere or could not be taken. */
	private long lockedOut;

	private long lastStartNanos = -1;

	private long lastDurationNanos = -1;

	private @Nullable Throwable lastError;

	/** Set while the body of the current run runs (inline, on an executor, or until its stage completes). */
	private boolean inBody;

	/** Whether the body that runs ({@link #inBody}) is a {@link #runNow()}, after which the grid is left alone. */
	private boolean bodyIsExtra;

	/** The pending call of {@link #runNow()}, beside the grid's {@link #call}. */
	private @Nullable ScheduledCall extraCall;

	private boolean paused;

	/** Schedule of the current run: {@link Schedule.FixedInterval} for a loop started with an interval. */
	private @Nullable Schedule schedule;

	/** Whether the run follows a wall-clock {@link Schedule} rather than the monotonic grid of an interval. */
	private boolean onSchedule;

	/** Wall-clock instant of the pending tick of a loop on a schedule (the start instant before the first). */
	private @Nullable Instant scheduledAt;

	/** Points of the schedule passed since the last call of a {@code withCount} body, the one due excluded. */
	private int pointsSinceLastCall;

	/**
	 * Number of the current run, one more at each {@code start}: a body of an earlier run still completing (the
	 * loop was stopped while its body ran on an executor, then started again) must not schedule into the new run.
	 */
	private long run;

	private final LoopFailureLog failureLog;

	Loop(ReactorEngine engine, CallOptions options, LoopBody body) {
		Objects.requireNonNull(options, "options must not be null");
		this.engine = engine;
		this.site = new CallSite(engine, CallKind.LOOPING, options);
		this.body = body;
		this.failureLog = new LoopFailureLog("Loop '" + options.name() + "' (" + options.source() + ")");
	}

	@Override
	public CompletableFuture<LoopingCall> start(Duration interval, boolean now) {
		long nanos = Durations.requireDelay(interval, "interval");
		CompletableFuture<LoopingCall> future = new CompletableFuture<>();
		CompletableFuture<LoopingCall> previous;
		synchronized (this) {
			if (this.running) {
				throw new IllegalStateException("Loop '" + name() + "' is already running");
			}
			this.engine.checkAcceptingCalls();
			// Registered first: a shutdown that accepts the call below then finds the loop and stops it.
			this.engine.loopStarted(this);
			previous = takeFuture(); // stopped while its body still ran: that run ends here
			this.inBody = false;
			this.run++;
			this.intervalNanos = nanos;
			this.startNanos = this.engine.clock();
			this.runAtStart = now;
			this.lastCallNanos = -1;
			this.scheduledIndex = 0;
			this.calls = 0;
			this.skipped = 0;
			this.lockedOut = 0;
			this.paused = false;
			this.extraCall = null;
			this.schedule = new Schedule.FixedInterval(interval);
			this.onSchedule = false;
			try {
				if (isAnchored()) {
					anchor(now ? 0 : 1, false);
				}
				else if (now) {
					this.call = this.engine.schedule(this.site, 0, this);
				}
				else if (scheduleFrom(this.startNanos) < 0) {
					this.engine.checkAcceptingCalls(); // refused: say why
				}
			}
			catch (IllegalStateException closed) {
				this.engine.loopStopped(this);
				throw closed;
			}
			this.running = true;
			this.future = future;
		}
		if (previous != null) {
			previous.complete(this);
		}
		return future;
	}

	@Override
	public CompletableFuture<LoopingCall> start(Schedule schedule, boolean now) {
		Objects.requireNonNull(schedule, "schedule must not be null");
		if (schedule instanceof Schedule.FixedInterval fixed) {
			return start(fixed.interval(), now);
		}
		CompletableFuture<LoopingCall> future = new CompletableFuture<>();
		CompletableFuture<LoopingCall> previous;
		boolean exhausted = false;
		synchronized (this) {
			if (this.running) {
				throw new IllegalStateException("Loop '" + name() + "' is already running");
			}
			this.engine.checkAcceptingCalls();
			this.engine.loopStarted(this); // first, as in start(Duration, boolean)
			previous = takeFuture();
			this.inBody = false;
			this.run++;
			this.intervalNanos = -1;
			this.startNanos = this.engine.clock();
			this.runAtStart = false;
			this.lastCallNanos = -1;
			this.scheduledIndex = 0;
			this.calls = 0;
			this.skipped = 0;
			this.lockedOut = 0;
			this.paused = false;
			this.extraCall = null;
			this.schedule = schedule;
			this.onSchedule = true;
			this.pointsSinceLastCall = 0;
			Instant wall = this.engine.wallClock();
			this.scheduledAt = wall;
			this.running = true;
			if (now) {
				try {
					this.call = this.engine.schedule(this.site, 0, this);
				}
				catch (IllegalStateException closed) {
					this.running = false;
					this.engine.loopStopped(this);
					throw closed;
				}
				this.future = future;
			}
			else if (scheduleOnSchedule(wall) < 0) {
				try {
					this.engine.checkAcceptingCalls(); // refused: say why
				}
				catch (IllegalStateException closed) {
					this.engine.loopStopped(this);
					throw closed;
				}
				// No instant at all: a run that ends as it begins.
				exhausted = true;
				this.engine.loopStopped(this);
			}
			else {
				this.future = future;
			}
		}
		if (previous != null) {
			previous.complete(this);
		}
		if (exhausted) {
			future.complete(this);
		}
		return future;
	}

	@Override
	public synchronized void pause() {
		requireRunning();
		this.paused = true;
	}

	@Override
	public synchronized void resume() {
		requireRunning();
		this.paused = false;
	}

	@Override
	public synchronized boolean isPaused() {
		return this.paused;
	}

	@Override
	public synchronized void runNow() {
		requireRunning();
		if (this.inBody) {
			throw new IllegalStateException("Loop '" + name() + "' is running its body: run-now is refused");
		}
		ScheduledCall extra = this.extraCall;
		if (extra != null && extra.isPending()) {
			throw new IllegalStateException("Loop '" + name() + "' has a run-now pending already");
		}
		this.extraCall = this.engine.schedule(this.site, 0, this);
	}

	@Override
	public synchronized @Nullable Schedule schedule() {
		return this.schedule;
	}

	private void requireRunning() {
		if (!this.running) {
			throw new IllegalStateException("Loop '" + name() + "' is not running");
		}
	}

	private void cancelExtraCall() {
		ScheduledCall extra = this.extraCall;
		if (extra != null) {
			extra.tryCancel();
			this.extraCall = null;
		}
	}

	@Override
	public void stop() {
		CompletableFuture<LoopingCall> done = null;
		synchronized (this) {
			if (!this.running) {
				throw new IllegalStateException("Loop '" + name() + "' is not running");
			}
			this.running = false;
			cancelExtraCall();
			ScheduledCall call = this.call;
			if (call != null) {
				if (call.tryCancel()) {
					this.call = null;
					if (!this.inBody) {
						done = takeFuture();
					}
					// Otherwise the body of a run-now is running: the future completes when it is done.
				}
				// Otherwise the reactor has just claimed the call: fire() sees the loop stopped and completes it.
			}
			else if (!this.inBody) {
				done = takeFuture();
			}
			// Otherwise the body is running: the future completes when it is done, as in Twisted where stop()
			// inside the body fires the Deferred after it returns.
			this.engine.loopStopped(this);
		}
		if (done != null) {
			done.complete(this);
		}
	}

	/**
	 * Shutdown: stops the loop without complaint and completes its future now, even if its body still runs on an
	 * executor (the reactor does not wait for executors; the body's outcome then only reaches the listeners).
	 */
	void stopForShutdown() {
		CompletableFuture<LoopingCall> done;
		synchronized (this) {
			this.running = false;
			cancelExtraCall();
			ScheduledCall call = this.call;
			if (call != null) {
				call.tryCancel();
				this.call = null;
			}
			done = takeFuture();
			this.engine.loopStopped(this);
		}
		if (done != null) {
			done.complete(this);
		}
	}

	@Override
	public void reset() {
		CompletableFuture<LoopingCall> ended;
		synchronized (this) {
			if (!this.running) {
				throw new IllegalStateException("Loop '" + name() + "' is not running");
			}
			ScheduledCall call = this.call;
			if (call == null || !call.tryCancel()) {
				return; // the body is running: Twisted's reset() does nothing then
			}
			this.call = null;
			this.startNanos = this.engine.clock();
			this.scheduledIndex = 0;
			if (isAnchored()) {
				try {
					anchor(0, true);
					return;
				}
				catch (IllegalStateException closed) {
					this.running = false;
				}
			}
			else if (scheduleFrom(this.startNanos) >= 0) {
				return;
			}
			// The reactor refused the call (it is closing): the loop has stopped; its future completes.
			ended = takeFuture();
			this.engine.loopStopped(this);
		}
		if (ended != null) {
			ended.complete(this);
		}
	}

	@Override
	public void fire(ScheduledCall call, long due) {
		long now = this.engine.clock();
		CompletableFuture<LoopingCall> stoppedFuture = null;
		boolean stopped = false;
		long skippedTicks = 0;
		int count = 1;
		long run;
		boolean extra;
		CallLock lock = this.site.options.lock();
		synchronized (this) {
			run = this.run;
			extra = (call == this.extraCall);
			if (extra) {
				this.extraCall = null;
				if (!this.running || this.inBody) {
					return; // stopped since, or a tick's body got there first: runNow() asked for one run, not two
				}
			}
			else if (call != this.call) {
				return; // replaced by reset() or stop() after the reactor claimed it
			}
			else {
				this.call = null;
			}
			if (!this.running) {
				stopped = true;
				stoppedFuture = takeFuture();
			}
			else if (!extra && (this.paused || this.inBody)) {
				// Paused, or the body of a run-now still runs: the tick is skipped and counted; the grid goes on.
				this.skipped++;
				this.pointsSinceLastCall++;
				long missed = scheduleFrom(now);
				skippedTicks = 1 + Math.max(0, missed);
				if (missed < 0) {
					stopped = true; // refused by a closing reactor: the loop has stopped
					stoppedFuture = takeFuture();
				}
			}
			else if (extra) {
				count = 1; // off the grid: a withCount body's next count still runs from its last tick
			}
			else if (this.onSchedule) {
				count = this.pointsSinceLastCall + 1;
				this.pointsSinceLastCall = 0;
			}
			else if (this.body.counts()) {
				count = countSinceLastCall(now);
				if (count <= 0) {
					if (scheduleFrom(now) >= 0) {
						return;
					}
					stopped = true; // refused by a closing reactor: the loop has stopped
					stoppedFuture = takeFuture();
				}
				this.lastCallNanos = now;
			}
			if (stopped) {
				this.engine.loopStopped(this);
			}
			else if (skippedTicks == 0) {
				if (lock == null) {
					this.calls++;
					this.lastStartNanos = now;
				}
				this.inBody = true;
				this.bodyIsExtra = extra;
			}
		}
		if (skippedTicks > 0 && !stopped) {
			this.engine.listeners.skipped(this, skippedTicks);
			return;
		}
		if (stopped) {
			if (stoppedFuture != null) {
				stoppedFuture.complete(this);
			}
			return;
		}
		if (lock != null) {
			int lockedCount = count;
			Locking.attempt(this.engine, lock, new Locking.Outcome() {

				@Override
				public void acquired(CallLock.Lease lease) {
					lockAcquired(call, run, due, lockedCount, lock, lease);
				}

				@Override
				public void refused(@Nullable Throwable error) {
					Loop.this.engine.listeners.lockedOut(call, error);
					afterRun(run, -1, Loop.this.engine.clock(), null, true);
				}

			});
			return;
		}
		long lag = Math.max(0, now - due);
		this.engine.listeners.started(call, lag);
		Executor executor = this.site.executor();
		if (executor == null) {
			invokeBody(call, run, lag, now, count, true, null);
		}
		else {
			int countForExecutor = count;
			try {
				executor.execute(() -> invokeBody(call, run, lag, now, countForExecutor, false, null));
			}
			catch (RejectedExecutionException ex) {
				completed(call, run, lag, now, ex, null);
			}
		}
	}

	/**
	 * The lock of a tick was taken (on the lock's executor): the body runs where it would run without a lock.
	 */
	private void lockAcquired(ScheduledCall call, long run, long due, int count, CallLock lock, CallLock.Lease lease) {
		Executor executor = this.site.executor();
		if (executor == null) {
			this.engine.runOnOwner(() -> startLocked(call, run, due, count, lock, lease, true),
					() -> Locking.release(this.engine, lock, lease, null));
			return;
		}
		try {
			executor.execute(() -> startLocked(call, run, due, count, lock, lease, false));
		}
		catch (RejectedExecutionException ex) {
			long now = this.engine.clock();
			completed(call, run, Math.max(0, now - due), now, ex, lease);
		}
	}

	private void startLocked(ScheduledCall call, long run, long due, int count, CallLock lock, CallLock.Lease lease,
			boolean onOwner) {
		long start = this.engine.clock();
		boolean current;
		synchronized (this) {
			current = run == this.run && this.running;
			if (current) {
				this.calls++;
				this.lastStartNanos = start;
			}
		}
		if (!current) {
			// Stopped while the lock was being taken: the body does not run; the lock goes back and the loop ends.
			Locking.release(this.engine, lock, lease, () -> afterRun(run, -1, this.engine.clock(), null, false));
			return;
		}
		long lag = Math.max(0, start - due);
		this.engine.listeners.started(call, lag);
		invokeBody(call, run, lag, start, count, onOwner, lease);
	}

	private void invokeBody(ScheduledCall call, long run, long lag, long start, int count, boolean onOwner,
			CallLock.@Nullable Lease lease) {
		CompletionStage<?> stage;
		if (onOwner) {
			this.engine.beforeRun(call);
		}
		try {
			stage = (lease != null) ? lease.holding(() -> this.body.invoke(count)) : this.body.invoke(count);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			completed(call, run, lag, start, ex, lease);
			return;
		}
		finally {
			if (onOwner) {
				this.engine.afterRun();
			}
		}
		if (stage == null) {
			completed(call, run, lag, start, null, lease);
		}
		else {
			stage.whenComplete((result, error) -> completed(call, run, lag, start, Stages.unwrap(error), lease));
		}
	}

	private void completed(ScheduledCall call, long run, long lag, long start, @Nullable Throwable error,
			CallLock.@Nullable Lease lease) {
		long end = this.engine.clock();
		this.engine.listeners.finished(call, lag, end - start, error);
		if (error != null && !this.site.options.continueOnError()) {
			ReactorEngine.logger.log(Level.ERROR, "Loop '" + name() + "' (" + this.site.options.source()
					+ ") failed; it stops", error);
		}
		CallLock lock = this.site.options.lock();
		if (lease == null || lock == null) {
			afterRun(run, end - start, end, error, false);
		}
		else {
			// The next tick waits for the release: taken again before it, the lock would still be ours.
			Locking.release(this.engine, lock, lease, () -> afterRun(run, end - start, this.engine.clock(), error, false));
		}
	}

	/**
	 * Bookkeeping after a tick, and the next one: after the body ({@code duration} ≥ 0), after a tick whose body did
	 * not run ({@code duration} -1), or after a tick whose lock was not taken ({@code lockedOut}).
	 * @param when the time to schedule the next tick from
	 */
	private void afterRun(long run, long duration, long when, @Nullable Throwable error, boolean lockedOut) {
		boolean continues = this.site.options.continueOnError();
		CompletableFuture<LoopingCall> done = null;
		long missed = 0;
		boolean stopped = false;
		synchronized (this) {
			if (duration >= 0) {
				this.lastDurationNanos = duration;
				this.lastError = error;
			}
			if (run != this.run) {
				return; // a body of an earlier run: its run has ended, its outcome went to the listeners
			}
			boolean extra = this.bodyIsExtra;
			this.bodyIsExtra = false;
			this.inBody = false;
			if (lockedOut) {
				this.lockedOut++;
			}
			else if (continues && duration >= 0) {
				if (error != null) {
					this.failureLog.failed(when, error);
				}
				else {
					this.failureLog.succeeded();
				}
			}
			if (error != null && !continues) {
				stopped = this.running;
				this.running = false;
				cancelPendingTick(); // a run-now failed: the grid's next tick must not run
				done = takeFuture();
			}
			else if (this.running && !this.engine.isAcceptingCalls()) {
				// The reactor is shutting down: the loop ends instead of scheduling into a closed reactor.
				stopped = true;
				this.running = false;
				cancelPendingTick();
				done = takeFuture();
			}
			else if (this.running && extra) {
				// A run-now: the grid's tick is still pending, unchanged.
			}
			else if (this.running) {
				missed = scheduleFrom(when);
				if (missed < 0) {
					stopped = true;
					done = takeFuture();
					missed = 0;
				}
			}
			else {
				done = takeFuture();
			}
			if (stopped) {
				this.engine.loopStopped(this);
			}
		}
		if (missed > 0) {
			this.engine.listeners.skipped(this, missed);
		}
		if (done != null) {
			if (error != null && !continues) {
				done.completeExceptionally(error);
			}
			else {
				done.complete(this);
			}
		}
	}

	/**
	 * Schedules the next call at the first grid point after {@code when} (under the lock). If the reactor refuses
	 * it (closing), the loop stops here: {@code running} is cleared and the caller completes the future.
	 * @return how many grid points were skipped, or -1 if the reactor refused the call
	 */
	private long scheduleFrom(long when) {
		if (this.onSchedule) {
			// The same moment on the wall clock, which the schedule's instants are read on.
			return scheduleOnSchedule(this.engine.wallClock().minusNanos(this.engine.clock() - when));
		}
		long interval = this.intervalNanos;
		long delay;
		long missed = 0;
		if (interval == 0) {
			delay = 0;
		}
		else {
			long elapsed = when - this.startNanos;
			long nextIndex = elapsed / interval + 1;
			delay = interval - (elapsed % interval);
			missed = nextIndex - (this.scheduledIndex + 1);
			this.scheduledIndex = nextIndex;
			if (missed > 0) {
				this.skipped += missed;
			}
		}
		try {
			this.call = this.engine.schedule(this.site, delay, this);
		}
		catch (IllegalStateException closed) {
			this.running = false;
			return -1;
		}
		return Math.max(0, missed);
	}

	/** Most schedule points counted one by one after a long stall; beyond it the loop jumps to the next point. */
	private static final int MAX_COUNTED_SKIPS = 100_000;

	/**
	 * Schedules the next tick of a loop on a {@link Schedule} (under the lock): the first instant strictly after
	 * {@code finished}, counting the instants since the last tick that it jumps over.
	 * @return how many instants were skipped, or -1 if the schedule has ended or the reactor refused the call (the
	 * loop has stopped then)
	 */
	private long scheduleOnSchedule(Instant finished) {
		Schedule schedule = Objects.requireNonNull(this.schedule);
		Instant next = schedule.next(Objects.requireNonNull(this.scheduledAt));
		long missed = 0;
		while (next != null && !next.isAfter(finished)) {
			missed++;
			if (missed >= MAX_COUNTED_SKIPS) {
				next = schedule.next(finished);
				break;
			}
			next = schedule.next(next);
		}
		this.skipped += missed;
		this.pointsSinceLastCall = (int) Math.min(Integer.MAX_VALUE, this.pointsSinceLastCall + missed);
		if (next == null) {
			this.running = false;
			return -1;
		}
		this.scheduledAt = next;
		try {
			this.call = this.engine.scheduleAt(this.site, next, this);
		}
		catch (IllegalStateException closed) {
			this.running = false;
			return -1;
		}
		return missed;
	}

	private void cancelPendingTick() {
		ScheduledCall call = this.call;
		if (call != null) {
			call.tryCancel();
			this.call = null;
		}
		cancelExtraCall();
	}

	private boolean isAnchored() {
		return this.site.options.lock() != null && this.intervalNanos > 0;
	}

	/**
	 * Anchors the grid at the wall clock's next multiple of the interval and schedules its grid point
	 * {@code firstIndex} (under the lock): the grid of a locked loop, the same on every instance.
	 * @param firstIndex 0 for the anchor itself, 1 for one interval later
	 * @param strictlyLater whether a grid point at this very instant is too early (reset)
	 * @throws IllegalStateException if the reactor refuses the call
	 */
	private void anchor(int firstIndex, boolean strictlyLater) {
		long interval = this.intervalNanos;
		long delay = this.engine.delayToWallClockGrid(interval);
		int index = (strictlyLater && delay == 0) ? Math.max(firstIndex, 1) : firstIndex;
		this.startNanos = Durations.addClamped(this.engine.clock(), delay);
		this.scheduledIndex = index;
		this.call = this.engine.schedule(this.site, Durations.addClamped(delay, index * interval), this);
	}

	private int countSinceLastCall(long now) {
		long interval = this.intervalNanos;
		if (interval == 0) {
			return 1;
		}
		long last = this.lastCallNanos;
		if (last < 0) {
			last = this.runAtStart ? this.startNanos - interval : this.startNanos;
		}
		long count = Math.floorDiv(now - this.startNanos, interval) - Math.floorDiv(last - this.startNanos, interval);
		return (int) Math.min(Integer.MAX_VALUE, count);
	}

	private @Nullable CompletableFuture<LoopingCall> takeFuture() {
		CompletableFuture<LoopingCall> future = this.future;
		this.future = null;
		return future;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public synchronized @Nullable Duration interval() {
		return (this.intervalNanos < 0) ? null : Duration.ofNanos(this.intervalNanos);
	}

	@Override
	public String name() {
		return this.site.options.name();
	}

	@Override
	public @Nullable String lockName() {
		CallLock lock = this.site.options.lock();
		return (lock != null) ? lock.name() : null;
	}

	@Override
	public synchronized long callCount() {
		return this.calls;
	}

	@Override
	public synchronized LoopingCallStats stats() {
		Instant lastStart = (this.lastStartNanos < 0) ? null : this.engine.toInstant(this.lastStartNanos);
		Duration lastDuration = (this.lastDurationNanos < 0) ? null : Duration.ofNanos(this.lastDurationNanos);
		ScheduledCall call = this.call;
		Instant nextDueAt = (call != null && call.isPending()) ? call.getTime() : null;
		return new LoopingCallStats(this.calls, this.skipped, lastStart, lastDuration, this.lastError, nextDueAt,
				this.lockedOut);
	}

	@Override
	public String toString() {
		return "LoopingCall[" + name() + (isRunning() ? ", running " + schedule() : ", stopped") + "]";
	}

}
