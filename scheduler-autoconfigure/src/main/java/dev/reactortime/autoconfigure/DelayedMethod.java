package dev.reactortime.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.Reactor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @CallLater} method: one call, {@code delay} after the context started (or after a prototype instance
 * was created).
 *
 * <p>A method that returns a {@code CompletionStage} is scheduled with {@code deferLater} and bounded by
 * {@code reactor.timeout} when a timeout is set; the reactor sees only the synchronous part of the call, so the
 * stage's failure (or timeout) is logged here.
 *
 * @param name the name
 * @param source {@code bean#method}
 * @param method the method to invoke on the bean (invocable through its proxy)
 * @param delay the delay
 * @param options the options of the call
 * @param async whether the method returns a {@code CompletionStage}
 * @param timeout how long to wait for the stage, or {@code null}
 */
record DelayedMethod(String name, String source, Method method, Duration delay, CallOptions options, boolean async,
		@Nullable Duration timeout) implements AnnotatedMethod {

	private static final Log logger = LogFactory.getLog(DelayedMethod.class);

	@Override
	public Schedule schedule(Reactor reactor, Object bean) {
		MethodInvoker invoker = new MethodInvoker(bean, this.method);
		if (!this.async) {
			DelayedCall call = reactor.callLater(this.options, this.delay, invoker::invoke);
			return () -> cancel(call);
		}
		CompletableFuture<CompletableFuture<?>> call = reactor.deferLater(this.options, this.delay,
				() -> bounded(reactor, (CompletionStage<?>) invoker.invoke()));
		call.thenCompose((stage) -> stage).whenComplete((result, failure) -> logFailure(reactor, failure));
		// Cancels the call if it is still pending; a stage already returned by the method runs to its end.
		return () -> call.cancel(false);
	}

	private CompletableFuture<?> bounded(Reactor reactor, @Nullable CompletionStage<?> stage) {
		CompletableFuture<?> future = (stage != null) ? stage.toCompletableFuture()
				: CompletableFuture.completedFuture(null);
		return (this.timeout != null) ? reactor.timeout(future, this.timeout) : future;
	}

	private void logFailure(Reactor reactor, @Nullable Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause instanceof IllegalStateException && !reactor.isRunning()) {
			// The context closed while the stage ran: its timeout can no longer fire. Expected at shutdown.
			logger.info("@CallLater '" + this.name + "' (" + this.source + ") was still running when the reactor "
					+ "closed: " + cause.getMessage());
		}
		else if (cause instanceof TimeoutException) {
			// An expected outcome with a known cause: one line, no stack.
			logger.warn("@CallLater '" + this.name + "' (" + this.source + ") timed out: " + cause.getMessage());
		}
		else if (cause != null && !(cause instanceof CancellationException)) {
			logger.error("@CallLater '" + this.name + "' (" + this.source + ") failed", cause);
		}
	}

	private static void cancel(DelayedCall call) {
		try {
			if (call.active()) {
				call.cancel();
			}
		}
		catch (IllegalStateException ex) {
			// It started or was cancelled (by shutdown) between active() and cancel(): nothing left to cancel.
		}
	}

}
