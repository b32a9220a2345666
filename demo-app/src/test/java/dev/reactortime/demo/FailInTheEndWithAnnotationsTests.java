package dev.reactortime.demo;

import java.time.Duration;

import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

import static dev.reactortime.demo.SeedTimelineTests.LOOP_DONE;
import static dev.reactortime.demo.SeedTimelineTests.NEW_SECOND;
import static dev.reactortime.demo.SeedTimelineTests.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo.fail-in-the-end=true} with the annotated loop: an annotated loop's start future belongs to the
 * framework, so the failure stops the loop and reaches the log (with the loop's name) rather than an errback, and
 * {@code Loop done.} is never printed.
 */
@SpringBootTest(properties = { "demo.style=annotations", "demo.fail-in-the-end=true" })
@VirtualReactorTime
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class FailInTheEndWithAnnotationsTests {

	@Autowired
	VirtualTimeReactor reactor;

	@Test
	void stopsTheLoopAndLogsItsFailureInsteadOfPrintingLoopDone(CapturedOutput output) {
		Console console = new Console(output, this.reactor);
		assertThat(console.at(Duration.ZERO)).containsExactly(NEW_SECOND);
		assertThat(console.at(Duration.ofSeconds(1))).containsExactly(NEW_SECOND);
		assertThat(console.at(Duration.ofSeconds(2))).containsExactly(TIMED_OUT, NEW_SECOND);

		assertThat(console.at(Duration.ofSeconds(3))).isEmpty();
		LoopingCall loop = this.reactor.getLoopingCalls()
			.stream()
			.filter((candidate) -> candidate.name().equals("seconds-loop"))
			.findFirst()
			.orElseThrow();
		assertThat(loop.isRunning()).isFalse();
		assertThat(loop.stats().lastError()).isInstanceOf(RuntimeException.class)
			.hasMessage("Failure during loop execution.");
		assertThat(output.getErr()).contains("'seconds-loop'",
				"java.lang.RuntimeException: Failure during loop execution.");

		assertThat(console.at(Duration.ofMinutes(1))).doesNotContain(NEW_SECOND, LOOP_DONE);
		assertThat(console.all()).doesNotContain(LOOP_DONE);
	}

}
