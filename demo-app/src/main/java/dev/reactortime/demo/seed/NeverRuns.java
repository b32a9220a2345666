package dev.reactortime.demo.seed;

import java.time.Duration;

import dev.reactortime.DelayedCall;
import dev.reactortime.Reactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed's fourth example: a call scheduled in 5 s and cancelled at once, so {@code I'll never run.} is never
 * printed.
 *
 * <p>It has no annotation form: cancelling needs the {@link DelayedCall} that {@code callLater} returns (an
 * annotated call can be cancelled from outside, through the {@code delayedcalls} endpoint).
 */
@Component
@Order(4)
final class NeverRuns implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(NeverRuns.class);

	private final Reactor reactor;

	NeverRuns(Reactor reactor) {
		this.reactor = reactor;
	}

	@Override
	public void run(ApplicationArguments args) {
		DelayedCall callID = this.reactor.callLater("never-runs", Duration.ofSeconds(5), NeverRuns::f);
		callID.cancel();
		logger.info("Cancelled call #{} '{}' before it was due: it will never run", callID.id(), callID.name());
	}

	static void f() {
		System.out.println("I'll never run.");
	}

}
