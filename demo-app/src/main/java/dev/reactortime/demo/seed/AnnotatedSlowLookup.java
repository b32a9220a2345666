package dev.reactortime.demo.seed;

import java.util.concurrent.CompletableFuture;

import dev.reactortime.CallOptions;
import dev.reactortime.Reactor;
import dev.reactortime.annotation.CallLater;

import org.springframework.stereotype.Component;

/**
 * {@link SlowLookupTimeout} as an annotation: a {@code @CallLater} method that returns a future is bounded by the
 * annotation's {@code timeout}, which cancels the future when it passes.
 *
 * <p>The bounded future belongs to the framework, which logs its {@code TimeoutException}; the method hears of the
 * timeout through the cancellation of the future it returned.
 */
@Component
@AnnotationStyle
final class AnnotatedSlowLookup {

	private final Reactor reactor;

	AnnotatedSlowLookup(Reactor reactor) {
		this.reactor = reactor;
	}

	@CallLater(delay = "0s", timeout = "2s", name = "slow-lookup")
	CompletableFuture<String> lookUp() {
		CompletableFuture<String> lookup = this.reactor.deferLater(CallOptions.named("slow-lookup.query"),
				SlowLookupTimeout.LOOKUP_TIME, SlowLookupTimeout::lookUp);
		lookup.whenComplete((answer, failure) -> {
			if (lookup.isCancelled()) {
				System.out.println(SlowLookupTimeout.timedOut());
			}
		});
		return lookup;
	}

}
