package dev.reactortime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * {@code Reactor.timeout}: Twisted's {@code Deferred.addTimeout} on a {@code CompletableFuture}. The returned
 * future is a dependent one, so the original's other dependents are untouched; cancelling it cancels the original
 * and the timer.
 */
final class Timeout<T> extends CompletableFuture<T> {

	/** Options of the timers: one name for all, so metrics see one bounded tag value. */
	static final CallOptions TIMER = CallOptions.named("timeout");

	private final CompletableFuture<T> original;

	private @Nullable ScheduledCall timer;

	private volatile boolean timedOut;

	private Timeout(CompletableFuture<T> original) {
		this.original = original;
	}

	static <T> CompletableFuture<T> apply(ReactorEngine engine, CompletableFuture<T> future, Duration timeout,
			@Nullable Function<? super TimeoutException, ? extends T> onTimeoutCancel) {
		Objects.requireNonNull(future, "future must not be null");
		long nanos = Durations.requireDelay(timeout, "timeout");
		Timeout<T> result = new Timeout<>(future);
		result.timer = engine.schedule(engine.timeoutTimers, nanos, () -> result.fire(timeout, onTimeoutCancel));
		future.whenComplete((value, error) -> {
			if (!result.timedOut) {
				result.timer.tryCancel();
				if (error == null) {
					result.complete(value);
				}
				else {
					result.completeExceptionally(Stages.unwrap(error));
				}
			}
		});
		return result;
	}

	private void fire(Duration timeout, @Nullable Function<? super TimeoutException, ? extends T> onTimeoutCancel) {
		this.timedOut = true;
		this.original.cancel(false);
		TimeoutException ex = new TimeoutException("Timed out after " + timeout);
		if (onTimeoutCancel == null) {
			completeExceptionally(ex);
			return;
		}
		try {
			complete(onTimeoutCancel.apply(ex));
		}
		catch (RuntimeException mapped) {
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

}
