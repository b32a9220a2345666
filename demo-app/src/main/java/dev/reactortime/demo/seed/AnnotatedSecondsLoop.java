package dev.reactortime.demo.seed;

import dev.reactortime.LoopingCall;
import dev.reactortime.annotation.Looping;
import dev.reactortime.demo.DemoProperties;

import org.springframework.stereotype.Component;

/**
 * {@link SecondsLoop} as an annotation: {@code @Looping(interval = "1s")} starts the loop with the application, and
 * the method takes its {@link LoopingCall} so that it can stop itself, as the seed's body does.
 *
 * <p>The loop's start future belongs to the framework, so there are no {@code cbLoopDone}/{@code ebLoopFailed}
 * callbacks: the body prints {@code Loop done.} itself when it stops the loop, and with
 * {@code demo.fail-in-the-end=true} the exception it throws is logged by the framework (the loop's name, the
 * exception and its stack trace) rather than printed as a brief traceback.
 */
@Component
@AnnotationStyle
final class AnnotatedSecondsLoop {

	private static final int LOOP_TIMES = 3;

	private final boolean failInTheEnd;

	// Only the loop touches it, and the loop always runs on the reactor thread.
	private int loopCounter;

	AnnotatedSecondsLoop(DemoProperties properties) {
		this.failInTheEnd = properties.failInTheEnd();
	}

	@Looping(interval = "1s", name = "seconds-loop")
	void runEverySecond(LoopingCall loop) {
		if (this.loopCounter < LOOP_TIMES) {
			this.loopCounter++;
			System.out.println("A new second has passed.");
			return;
		}
		if (this.failInTheEnd) {
			throw new RuntimeException("Failure during loop execution.");
		}
		// We looped enough times. Stopped from inside its body, the loop ends when the body returns.
		loop.stop();
		System.out.println("Loop done.");
	}

}
