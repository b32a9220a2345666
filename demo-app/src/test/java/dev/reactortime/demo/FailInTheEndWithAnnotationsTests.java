package dev.reactortime.demo;

import java.time.Duration;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo.fail-in-the-end=true} with the annotated loop: an annotated loop's start future belongs to the
 * framework, so the failure reaches the log (with the loop's name) rather than an errback, and {@code Loop done.}
 * is never printed. Console logging stays on here, since the log is what the test reads.
 */
@SpringBootTest(properties = { "demo.style=annotations", "demo.fail-in-the-end=true" })
@VirtualReactorTime
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class FailInTheEndWithAnnotationsTests {

	@Autowired
	VirtualTimeReactor reactor;

	@Test
	void logsTheLoopsFailureInsteadOfPrintingLoopDone(CapturedOutput output) {
		Console console = new Console(output, this.reactor);
		assertThat(console.at(Duration.ofMillis(2999))).containsSubsequence(NEW_SECOND, NEW_SECOND, NEW_SECOND);

		String failure = String.join("\n", console.at(Duration.ofSeconds(3)));
		assertThat(failure).contains("'seconds-loop'", "java.lang.RuntimeException: Failure during loop execution.",
				"AnnotatedSecondsLoop.runEverySecond");
		assertThat(failure).doesNotContain(LOOP_DONE);

		assertThat(console.at(Duration.ofMinutes(1))).doesNotContain(NEW_SECOND, LOOP_DONE);
		assertThat(console.all()).doesNotContain(LOOP_DONE);
	}

}
