package dev.reactortime.demo.seed;

import java.time.Duration;

import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.demo.DemoProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed's third example: a {@code LoopingCall} that prints {@code A new second has passed.} at 0, 1 and 2 s,
 * stops itself at 3 s, and whose start future then prints {@code Loop done.}; with
 * {@code demo.fail-in-the-end=true} it fails at 3 s instead, and the future prints the failure's brief traceback.
 *
 * <p>Unlike the seed, the callbacks do not stop the reactor: the application stays up for the endpoints.
 */
@Component
@Order(3)
@ReactorStyle
final class SecondsLoop implements ApplicationRunner {

	private static final int LOOP_TIMES = 3;

	private final LoopingCall loop;

	private final boolean failInTheEnd;

	// Only the body touches it, and the body always runs on the reactor thread.
	private int loopCounter;

	SecondsLoop(Reactor reactor, DemoProperties properties) {
		// Created here so the body can stop it through a final field; it starts only once the application has.
		this.loop = reactor.loopingCall("seconds-loop", this::runEverySecond);
		this.failInTheEnd = properties.failInTheEnd();
	}

	@Override
	public void run(ApplicationArguments args) {
		// Start looping every 1 second; the first call is due at once (Twisted's now=True).
		this.loop.start(Duration.ofSeconds(1))
			.whenComplete((stopped, failure) -> {
				if (failure == null) {
					cbLoopDone();
				}
				else {
					ebLoopFailed(failure);
				}
			});
	}

	/**
	 * Called at every loop interval.
	 */
	private void runEverySecond() {
		if (this.loopCounter < LOOP_TIMES) {
			this.loopCounter++;
			System.out.println("A new second has passed.");
			return;
		}
		if (this.failInTheEnd) {
			throw new RuntimeException("Failure during loop execution.");
		}
		// We looped enough times.
		this.loop.stop();
	}

	/**
	 * Called when the loop was stopped with success.
	 */
	private static void cbLoopDone() {
		System.out.println("Loop done.");
	}

	/**
	 * Called when the loop execution failed.
	 */
	private static void ebLoopFailed(Throwable failure) {
		System.out.println(BriefTraceback.of(failure));
	}

}
