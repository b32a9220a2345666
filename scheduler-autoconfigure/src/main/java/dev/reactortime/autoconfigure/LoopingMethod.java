package dev.reactortime.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @Looping} method: a {@link LoopingCall} per bean instance, started when the context has started and
 * stopped when the instance is destroyed or the reactor shuts down.
 *
 * <p>The loop kind follows the signature: a {@code CompletionStage} return type makes an asynchronous loop
 * ({@code loopingCallAsync}), an {@code int} or {@code long} parameter a {@code withCount} loop, anything else a
 * plain loop.
 *
 * @param name the name
 * @param source {@code bean#method}
 * @param method the method to invoke on the bean (invocable through its proxy)
 * @param parameters what to pass for each parameter
 * @param schedule when it runs: {@code Schedule.every(interval)} or a {@link CronSchedule}
 * @param now whether the first call of an interval loop is due at once
 * @param initialDelay how long after the context has started the loop starts, or {@code null} to start it then
 * @param options the options of the loop
 * @param async whether the method returns a {@code CompletionStage}
 */
record LoopingMethod(String name, String source, Method method, List<Parameter> parameters,
		dev.reactortime.Schedule schedule, boolean now, @Nullable Duration initialDelay, CallOptions options,
		boolean async) implements AnnotatedMethod {

	private static final Log logger = LogFactory.getLog(LoopingMethod.class);

	/**
	 * What a {@code @Looping} method may take.
	 */
	enum Parameter {

		/** An {@code int}: intervals passed since the last call. */
		INT_COUNT,

		/** A {@code long}: intervals passed since the last call. */
		LONG_COUNT,

		/** The {@link LoopingCall} itself. */
		LOOP;

		boolean isCount() {
			return this != LOOP;
		}

	}

	@Override
	public Schedule schedule(Reactor reactor, Object bean) {
		MethodInvoker invoker = new MethodInvoker(bean, this.method);
		// The body needs its own loop, which exists only once the body has been handed to the reactor.
		AtomicReference<LoopingCall> self = new AtomicReference<>();
		LoopingCall loop = create(reactor, invoker, self);
		self.set(loop);
		if (this.initialDelay == null) {
			start(loop, this.now);
			return () -> stop(loop);
		}
		// Spring's initialDelay: nothing until it has passed, then the first call at once (or the first cron time).
		DelayedCall delayed = reactor.callLater(CallOptions.named(this.name).withSource(this.source),
				this.initialDelay, () -> start(loop, true));
		return () -> {
			if (delayed.active()) {
				try {
					delayed.cancel();
				}
				catch (IllegalStateException ex) {
					// Ran or was cancelled by shutdown meanwhile: the loop may be running; stop it below.
				}
			}
			stop(loop);
		};
	}

	private void start(LoopingCall loop, boolean now) {
		CompletableFuture<LoopingCall> done = (this.schedule instanceof dev.reactortime.Schedule.FixedInterval fixed)
				? loop.start(fixed.interval(), now) : loop.start(this.schedule);
		done.whenComplete((stopped, failure) -> logFailure(failure));
	}

	private LoopingCall create(Reactor reactor, MethodInvoker invoker, AtomicReference<LoopingCall> self) {
		if (this.async) {
			return reactor.loopingCallAsync(this.options,
					() -> stage(invoker.invoke(arguments(self.get(), 1))));
		}
		if (this.parameters.stream().anyMatch(Parameter::isCount)) {
			return reactor.loopingCallWithCount(this.options, (count) -> invoker.invoke(arguments(self.get(), count)));
		}
		return reactor.loopingCall(this.options, () -> invoker.invoke(arguments(self.get(), 1)));
	}

	private @Nullable Object[] arguments(LoopingCall loop, int count) {
		Object[] arguments = new Object[this.parameters.size()];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = switch (this.parameters.get(i)) {
				case INT_COUNT -> count;
				case LONG_COUNT -> (long) count;
				case LOOP -> loop;
			};
		}
		return arguments;
	}

	private static CompletionStage<?> stage(@Nullable Object result) {
		// A method declared to return a stage that returns null has nothing to wait for.
		return (result != null) ? (CompletionStage<?>) result : CompletableFuture.completedFuture(null);
	}

	private void logFailure(@Nullable Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause != null && !(cause instanceof CancellationException)) {
			// The reactor has logged the exception with its stack already; one line says the job is gone for good.
			logger.error("@Looping '" + this.name + "' (" + this.source + ") has stopped: its method threw "
					+ cause.getClass().getName() + ": " + cause.getMessage());
		}
	}

	private static void stop(LoopingCall loop) {
		try {
			if (loop.isRunning()) {
				loop.stop();
			}
		}
		catch (IllegalStateException ex) {
			// It stopped itself (or the reactor closed) between isRunning() and stop(): nothing left to stop.
		}
	}

}
