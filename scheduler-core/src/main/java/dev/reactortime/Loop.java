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
 * Scheduling under the lock is safe because scheduling never waits for the owner of the heap.
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

	private long lastStartNanos = -1;

	private long lastDurationNanos = -1;

	private @Nullable Throwable lastError;

	Loop(ReactorEngine engine, CallOptions options, LoopBody body) {
		Objects.requireNonNull(options, "options must not be null");
		this.engine = engine;
		this.site = new CallSite(engine, CallKind.LOOPING, options);
		this.body = body;
	}

	@Override
	public CompletableFuture<LoopingCall> start(Duration interval, boolean now) {
		long nanos = Durations.requireDelay(interval, "interval");
		CompletableFuture<LoopingCall> future = new CompletableFuture<>();
		synchronized (this) {
			if (this.running) {
				throw new IllegalStateException("Loop '" + name() + "' is already running");
			}
			this.engine.checkAcceptingCalls();
			this.running = true;
			this.future = future;
			this.intervalNanos = nanos;
			this.startNanos = this.engine.clock();
			this.runAtStart = now;
			this.lastCallNanos = -1;
			if (now) {
				this.scheduledIndex = 0;
				this.call = this.engine.schedule(this.site, 0, this);
			}
			else {
				this.scheduledIndex = 0;
				scheduleFrom(this.startNanos);
			}
		}
		this.engine.loopStarted(this);
		return future;
	}

	@Override
	public void stop() {
		CompletableFuture<LoopingCall> done = null;
		synchronized (this) {
			if (!this.running) {
				throw new IllegalStateException("Loop '" + name() + "' is not running");
			}
			this.running = false;
			ScheduledCall call = this.call;
			if (call != null && call.tryCancel()) {
				this.call = null;
				done = takeFuture();
			}
			// Otherwise the body is running (or the reactor has just claimed the call): the future completes when
			// it is done, as in Twisted where stop() inside the body fires the Deferred after it returns.
		}
		this.engine.loopStopped(this);
		if (done != null) {
			done.complete(this);
		}
	}

	/** Shutdown: stops a running loop without complaint. */
	void stopForShutdown() {
		synchronized (this) {
			if (!this.running) {
				return;
			}
		}
		try {
			stop();
		}
		catch (IllegalStateException ex) {
			// stopped concurrently: nothing left to do
		}
	}

	@Override
	public void reset() {
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
			scheduleFrom(this.startNanos);
		}
	}

	@Override
	public void fire(ScheduledCall call, long due) {
		long now = this.engine.clock();
		CompletableFuture<LoopingCall> stoppedFuture = null;
		int count = 1;
		synchronized (this) {
			if (call != this.call) {
				return; // replaced by reset() or stop() after the reactor claimed it
			}
			this.call = null;
			if (!this.running) {
				stoppedFuture = takeFuture();
			}
			else if (this.body.counts()) {
				count = countSinceLastCall(now);
				if (count <= 0) {
					scheduleFrom(now);
					return;
				}
				this.lastCallNanos = now;
			}
			if (stoppedFuture == null) {
				this.calls++;
				this.lastStartNanos = now;
			}
		}
		if (stoppedFuture != null) {
			stoppedFuture.complete(this);
			return;
		}
		long lag = Math.max(0, now - due);
		this.engine.listeners.started(call, lag);
		Executor executor = this.site.executor();
		if (executor == null) {
			invokeBody(call, lag, now, count, true);
		}
		else {
			int countForExecutor = count;
			try {
				executor.execute(() -> invokeBody(call, lag, now, countForExecutor, false));
			}
			catch (RejectedExecutionException ex) {
				completed(call, lag, now, ex);
			}
		}
	}

	private void invokeBody(ScheduledCall call, long lag, long start, int count, boolean onOwner) {
		CompletionStage<?> stage;
		if (onOwner) {
			this.engine.beforeRun(call);
		}
		try {
			stage = this.body.invoke(count);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			completed(call, lag, start, ex);
			return;
		}
		finally {
			if (onOwner) {
				this.engine.afterRun();
			}
		}
		if (stage == null) {
			completed(call, lag, start, null);
		}
		else {
			stage.whenComplete((result, error) -> completed(call, lag, start, Stages.unwrap(error)));
		}
	}

	private void completed(ScheduledCall call, long lag, long start, @Nullable Throwable error) {
		long end = this.engine.clock();
		this.engine.listeners.finished(call, lag, end - start, error);
		if (error != null) {
			ReactorEngine.logger.log(Level.ERROR, "Loop '" + name() + "' (" + this.site.options.source() + ") failed"
					+ (this.site.options.continueOnError() ? "; it continues" : "; it stops"), error);
		}
		CompletableFuture<LoopingCall> done = null;
		long missed = 0;
		boolean stopped = false;
		synchronized (this) {
			this.lastDurationNanos = end - start;
			this.lastError = error;
			if (error != null && !this.site.options.continueOnError()) {
				stopped = this.running;
				this.running = false;
				done = takeFuture();
			}
			else if (this.running && !this.engine.isAcceptingCalls()) {
				// The reactor is shutting down: the loop ends instead of scheduling into a closed reactor.
				stopped = true;
				this.running = false;
				done = takeFuture();
			}
			else if (this.running) {
				missed = scheduleFrom(end);
			}
			else {
				done = takeFuture();
			}
		}
		if (stopped) {
			this.engine.loopStopped(this);
		}
		if (missed > 0) {
			this.engine.listeners.skipped(this, missed);
		}
		if (done != null) {
			if (error != null && !this.site.options.continueOnError()) {
				done.completeExceptionally(error);
			}
			else {
				done.complete(this);
			}
		}
	}

	/**
	 * Schedules the next call at the first grid point after {@code when} (under the lock).
	 * @return how many grid points were skipped
	 */
	private long scheduleFrom(long when) {
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
		this.call = this.engine.schedule(this.site, delay, this);
		return Math.max(0, missed);
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
	public synchronized long callCount() {
		return this.calls;
	}

	@Override
	public synchronized LoopingCallStats stats() {
		Instant lastStart = (this.lastStartNanos < 0) ? null : this.engine.toInstant(this.lastStartNanos);
		Duration lastDuration = (this.lastDurationNanos < 0) ? null : Duration.ofNanos(this.lastDurationNanos);
		ScheduledCall call = this.call;
		Instant nextDueAt = (call != null && call.isPending()) ? call.getTime() : null;
		return new LoopingCallStats(this.calls, this.skipped, lastStart, lastDuration, this.lastError, nextDueAt);
	}

	@Override
	public String toString() {
		return "LoopingCall[" + name() + (isRunning() ? ", running every " + interval() : ", stopped") + "]";
	}

}
