package dev.reactortime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * {@code Reactor.timeout}: Twisted's {@code Deferred.addTimeout} on a {@code CompletableFuture}. The returned
 * future is a dependent one, so the original's other dependents are untouched; cancelling it cancels the original
 * and the timer.
 *
 * <p><b>Who wins.</b> The timer wins only if it really cancels the original: when the original completes first
 * (even on another thread at the very moment the timer fires, or before the timer was even armed, as with a
 * completed future and a zero timeout) its outcome is the result and the timer does nothing. The timer marks
 * itself as firing before it cancels, so the original's completion handler can tell that cancellation (the result
 * then comes from the timer) from anyone else's (the result is that cancellation).
 *
 * <p><b>Shutdown.</b> When the reactor closes before the timer fires, the result fails with an
 * {@link IllegalStateException} saying so: a future that can no longer time out must not look as if it still
 * could. The original is left alone: it belongs to whoever made it.
 */
final class Timeout<T> extends CompletableFuture<T> {

	/** Options of the timers: one name for all, so metrics see one bounded tag value. */
	static final CallOptions TIMER = CallOptions.named("timeout");

	private final CompletableFuture<T> original;

	private final Duration timeout;

	private final @Nullable Function<? super TimeoutException, ? extends T> onTimeoutCancel;

	private @Nullable ScheduledCall timer;

	/** Set by the timer just before it cancels the original. */
	private volatile boolean firing;

	private Timeout(CompletableFuture<T> original, Duration timeout,
			@Nullable Function<? super TimeoutException, ? extends T> onTimeoutCancel) {
		this.original = original;
		this.timeout = timeout;
		this.onTimeoutCancel = onTimeoutCancel;
	}

	static <T> CompletableFuture<T> apply(ReactorEngine engine, CompletableFuture<T> future, Duration timeout,
			@Nullable Function<? super TimeoutException, ? extends T> onTimeoutCancel) {
		Objects.requireNonNull(future, "future must not be null");
		long nanos = Durations.requireDelay(timeout, "timeout");
		Timeout<T> result = new Timeout<>(future, timeout, onTimeoutCancel);
		ScheduledCall timer = engine.schedule(engine.timeoutTimers, nanos, result.new Timer(engine));
		result.timer = timer;
		future.whenComplete((value, error) -> result.originalCompleted(timer, value, error));
		return result;
	}

	private void originalCompleted(ScheduledCall timer, @Nullable T value, @Nullable Throwable error) {
		timer.tryCancel();
		if (error == null) {
			complete(value);
		}
		else if (!(this.firing && this.original.isCancelled())) {
			completeExceptionally(Stages.unwrap(error));
		}
		// else: the timer's own cancel; the timer completes the result
	}

	private void fire() {
		this.firing = true;
		if (!this.original.cancel(false)) {
			// The original completed first: its handler has completed (or is completing) the result. If it was
			// cancelled by someone else while we marked ourselves, that handler may have taken it for ours.
			if (this.original.isCancelled()) {
				completeExceptionally(new CancellationException("The original future was cancelled"));
			}
			return;
		}
		TimeoutException ex = new TimeoutException("Timed out after " + this.timeout);
		if (this.onTimeoutCancel == null) {
			completeExceptionally(ex);
			return;
		}
		try {
			complete(this.onTimeoutCancel.apply(ex));
		}
		catch (VirtualMachineError mapped) {
			completeExceptionally(mapped);
			throw mapped;
		}
		catch (Throwable mapped) {
			completeExceptionally(mapped);
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		ScheduledCall timer = this.timer;
		if (timer != null) {
			timer.tryCancel();
		}
		this.original.cancel(mayInterruptIfRunning);
		return super.cancel(mayInterruptIfRunning);
	}

	/** The delayed call behind the timeout. */
	private final class Timer implements CancellableTask {

		private final ReactorEngine engine;

		Timer(ReactorEngine engine) {
			this.engine = engine;
		}

		@Override
		public void run() {
			fire();
		}

		@Override
		public void callCancelled() {
			if (!this.engine.isAcceptingCalls()) {
				// Cancelled by the shutdown (a cancel after the original completed finds the result done already).
				completeExceptionally(new IllegalStateException("Reactor " + this.engine + " closed before the timeout of "
						+ Timeout.this.timeout + " fired"));
			}
		}

	}

}
