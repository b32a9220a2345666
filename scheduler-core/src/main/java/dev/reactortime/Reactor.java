package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Twisted's reactor for time: one thread that runs delayed calls, loops and timeouts in due order.
 *
 * <p>Calls run on the reactor thread, one at a time, so they never overlap; work that blocks belongs on an
 * executor ({@link CallOptions#withExecutor}). Every method may be called from any thread. Calls due at the same
 * instant run in the order they were scheduled. Time is monotonic: {@link #now()} follows
 * {@code System.nanoTime()}, so a wall-clock jump never moves a call.
 *
 * <p>Two implementations: {@link #create()} (real time, started with {@link #start()}) and
 * {@link VirtualTimeReactor} (virtual time, for tests, moved by hand like Twisted's {@code task.Clock}).
 *
 * <pre>{@code
 * try (Reactor reactor = Reactor.create()) {
 *     reactor.start();
 *     DelayedCall call = reactor.callLater(Duration.ofMillis(3500), () -> f("hello, world"));
 *     CompletableFuture<String> later = reactor.deferLater(Duration.ofSeconds(1), () -> "done");
 *     LoopingCall loop = reactor.loopingCall(() -> System.out.println("A new second has passed."));
 *     loop.start(Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public interface Reactor extends AutoCloseable {

	/**
	 * A real-time reactor with the default settings, not yet running: calls scheduled before {@link #start()}
	 * wait for it.
	 * @return the reactor
	 */
	static Reactor create() {
		return builder().build();
	}

	/**
	 * A builder for a real-time reactor with other settings (thread name, watchdog, shutdown mode, precision).
	 * @return the builder
	 */
	static ReactorBuilder builder() {
		return new ReactorBuilder();
	}

	/**
	 * Starts the reactor thread. Calls already overdue run at once, in due order. Does nothing if running.
	 * @throws IllegalStateException if the reactor was closed
	 */
	void start();

	/**
	 * Whether the reactor is started and not closed.
	 * @return {@code true} while running
	 */
	boolean isRunning();

	/**
	 * Stops the reactor: pending calls are cancelled (or, in {@link ShutdownMode#DRAIN}, those due within the
	 * grace period run first), running loops stop, and the reactor thread ends. When called from another thread it
	 * returns after the reactor thread has ended, and nothing runs after it returns; from inside a call, the
	 * reactor stops once that call returns. Later scheduling throws {@link IllegalStateException}. Idempotent.
	 */
	@Override
	void close();

	/**
	 * Current time on the reactor's clock (Twisted's {@code seconds()}).
	 * @return the current time
	 */
	Instant now();

	/**
	 * Schedules {@code task} to run {@code delay} from now on the reactor thread.
	 * @param delay the delay, not negative
	 * @param task what to run
	 * @return the call, which can be cancelled, delayed or reset
	 * @throws IllegalArgumentException if {@code delay} is negative
	 * @throws IllegalStateException if the reactor is closed
	 */
	default DelayedCall callLater(Duration delay, Runnable task) {
		return callLater(CallOptions.DEFAULT, delay, task);
	}

	/**
	 * Schedules a named call (the name is what metrics and endpoints show).
	 * @param name the name, not blank
	 * @param delay the delay, not negative
	 * @param task what to run
	 * @return the call
	 */
	default DelayedCall callLater(String name, Duration delay, Runnable task) {
		return callLater(CallOptions.named(name), delay, task);
	}

	/**
	 * Schedules a call with the given options (name, source, executor).
	 * @param options the options
	 * @param delay the delay, not negative
	 * @param task what to run
	 * @return the call
	 */
	DelayedCall callLater(CallOptions options, Duration delay, Runnable task);

	/**
	 * Schedules {@code task} to run when the wall clock reaches {@code at} (Twisted's wish of issue #2424): unlike
	 * {@link #callLater}, the call follows the wall clock, so when the system clock is stepped (NTP, a resumed VM)
	 * the call moves with it and still runs at the wall instant. The reactor notices a jump of more than 10 ms
	 * itself: at each turn, and, while wall-clock calls are pending, at least once a second while it sleeps (it does
	 * not wake for this when none are pending). An instant that has passed runs at once.
	 * @param at the wall-clock instant
	 * @param task what to run
	 * @return the call ({@link DelayedCall#getTime()} is its due time on the reactor's monotonic clock)
	 * @throws IllegalStateException if the reactor is closed
	 */
	default DelayedCall callAt(Instant at, Runnable task) {
		return callAt(CallOptions.DEFAULT, at, task);
	}

	/**
	 * {@link #callAt(Instant, Runnable)} with options (name, source, executor, lock).
	 * @param options the options
	 * @param at the wall-clock instant
	 * @param task what to run
	 * @return the call
	 */
	DelayedCall callAt(CallOptions options, Instant at, Runnable task);

	/**
	 * Current time on the wall clock this reactor follows for {@link #callAt} and {@link Schedule}s: the system
	 * clock, or {@link VirtualTimeReactor}'s virtual wall clock.
	 * @return the wall-clock time
	 */
	Instant wallClock();

	/**
	 * Twisted's {@code task.deferLater}: runs {@code task} after {@code delay} and completes the returned future
	 * with its result, or exceptionally with its exception. Cancelling the future cancels the call, and the
	 * task never runs.
	 * @param <T> the result type
	 * @param delay the delay, not negative
	 * @param task what to compute
	 * @return the future, completed on the reactor thread (or the executor)
	 */
	default <T> CompletableFuture<T> deferLater(Duration delay, Callable<T> task) {
		return deferLater(CallOptions.DEFAULT, delay, task);
	}

	/**
	 * A future completed with {@code null} after {@code delay}.
	 * @param delay the delay, not negative
	 * @return the future
	 */
	default CompletableFuture<Void> deferLater(Duration delay) {
		return deferLater(CallOptions.DEFAULT, delay, () -> null);
	}

	/**
	 * {@code deferLater} with options.
	 * @param <T> the result type
	 * @param options the options
	 * @param delay the delay, not negative
	 * @param task what to compute
	 * @return the future
	 */
	<T> CompletableFuture<T> deferLater(CallOptions options, Duration delay, Callable<T> task);

	/**
	 * A loop around {@code body} (Twisted's {@code LoopingCall(f)}), not yet started.
	 * @param body the body
	 * @return the loop
	 */
	default LoopingCall loopingCall(Runnable body) {
		return loopingCall(CallOptions.DEFAULT, body);
	}

	/**
	 * A named loop, not yet started.
	 * @param name the name, not blank
	 * @param body the body
	 * @return the loop
	 */
	default LoopingCall loopingCall(String name, Runnable body) {
		return loopingCall(CallOptions.named(name), body);
	}

	/**
	 * A loop with options, not yet started.
	 * @param options the options
	 * @param body the body
	 * @return the loop
	 */
	LoopingCall loopingCall(CallOptions options, Runnable body);

	/**
	 * Twisted's {@code LoopingCall.withCount}: the body receives how many grid points have passed since its last
	 * call (1 when on time, more after a stall; the body is not called when the count would be 0).
	 * @param body the body
	 * @return the loop
	 */
	default LoopingCall loopingCallWithCount(IntConsumer body) {
		return loopingCallWithCount(CallOptions.DEFAULT, body);
	}

	/**
	 * {@code withCount} with options.
	 * @param options the options
	 * @param body the body
	 * @return the loop
	 */
	LoopingCall loopingCallWithCount(CallOptions options, IntConsumer body);

	/**
	 * A loop whose body returns a stage: the next call is scheduled only when the stage completes (Twisted's
	 * loop over a function returning a {@code Deferred}). A stage that fails stops the loop.
	 * @param body the body
	 * @return the loop
	 */
	default LoopingCall loopingCallAsync(Supplier<? extends CompletionStage<?>> body) {
		return loopingCallAsync(CallOptions.DEFAULT, body);
	}

	/**
	 * An asynchronous loop with options.
	 * @param options the options
	 * @param body the body
	 * @return the loop
	 */
	LoopingCall loopingCallAsync(CallOptions options, Supplier<? extends CompletionStage<?>> body);

	/**
	 * Twisted's {@code Deferred.addTimeout}: a future that completes like {@code future}, unless {@code timeout}
	 * passes first; then {@code future} is cancelled (which cancels a {@code deferLater} behind it) and the
	 * returned future completes with {@link TimeoutException}. When {@code future} completes first, the timer is
	 * cancelled. Cancelling the returned future cancels {@code future} and the timer.
	 * @param <T> the result type
	 * @param future the future to bound
	 * @param timeout how long to wait, not negative
	 * @return the dependent future
	 */
	<T> CompletableFuture<T> timeout(CompletableFuture<T> future, Duration timeout);

	/**
	 * {@link #timeout(CompletableFuture, Duration)} with Twisted's {@code onTimeoutCancel}: when the timer fires,
	 * the returned future completes with what {@code onTimeoutCancel} returns for the {@link TimeoutException}
	 * (or exceptionally with what it throws).
	 * @param <T> the result type
	 * @param future the future to bound
	 * @param timeout how long to wait, not negative
	 * @param onTimeoutCancel maps the timeout to a result
	 * @return the dependent future
	 */
	<T> CompletableFuture<T> timeout(CompletableFuture<T> future, Duration timeout,
			Function<? super TimeoutException, ? extends T> onTimeoutCancel);

	/**
	 * Snapshot of the active calls (loop ticks and deferred calls included), sorted by due time then scheduling
	 * order. Cancelled and called calls never appear.
	 * @return the pending calls
	 */
	List<DelayedCall> getDelayedCalls();

	/**
	 * Snapshot of the loops of this reactor that are running, and of the named ones that ran before.
	 * @return the loops
	 */
	List<LoopingCall> getLoopingCalls();

	/**
	 * Number of active calls, read without a snapshot (for gauges).
	 * @return the number of pending calls
	 */
	long pendingCount();

	/**
	 * Adds a listener; it hears events from now on.
	 * @param listener the listener
	 */
	void addListener(ReactorListener listener);

	/**
	 * Removes a listener added before.
	 * @param listener the listener
	 */
	void removeListener(ReactorListener listener);

}
