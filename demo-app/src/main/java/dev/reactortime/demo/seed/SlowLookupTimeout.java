package dev.reactortime.demo.seed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import dev.reactortime.CallOptions;
import dev.reactortime.Reactor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed's "see also", timing out a Deferred ({@code d.addTimeout(2, reactor)}): a lookup that takes 5 s is given
 * 2 s, so at 2 s the lookup is cancelled (its callable never runs) and the bounded future fails with a
 * {@link TimeoutException}, which prints {@code Timed out after 2s: the slow lookup was cancelled}.
 */
@Component
@Order(5)
@ReactorStyle
final class SlowLookupTimeout implements ApplicationRunner {

	static final Duration LOOKUP_TIME = Duration.ofSeconds(5);

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(SlowLookupTimeout.class);

	private final Reactor reactor;

	SlowLookupTimeout(Reactor reactor) {
		this.reactor = reactor;
	}

	@Override
	public void run(ApplicationArguments args) {
		CompletableFuture<String> lookup = this.reactor.deferLater(CallOptions.named("slow-lookup"), LOOKUP_TIME,
				SlowLookupTimeout::lookUp);
		this.reactor.timeout(lookup, TIMEOUT).whenComplete((answer, failure) -> report(lookup, answer, failure));
	}

	static String lookUp() {
		return "42";
	}

	private static void report(CompletableFuture<String> lookup, @Nullable String answer,
			@Nullable Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause == null) {
			System.out.println("The slow lookup answered: " + answer);
		}
		else if (cause instanceof TimeoutException && lookup.isCancelled()) {
			System.out.println(timedOut());
		}
		else {
			logger.warn("The slow lookup failed", cause);
		}
	}

	static String timedOut() {
		return "Timed out after " + TIMEOUT.toSeconds() + "s: the slow lookup was cancelled";
	}

}
