package dev.reactortime.demo;

import java.time.Duration;
import java.util.List;

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
 * The seed's {@code failInTheEnd = True}: the loop's fourth call fails, and its errback prints a brief traceback
 * instead of {@code Loop done.}.
 */
@SpringBootTest(properties = "demo.fail-in-the-end=true")
@VirtualReactorTime
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class FailInTheEndTests {

	@Autowired
	VirtualTimeReactor reactor;

	@Test
	void printsTheLoopsBriefTracebackInsteadOfLoopDone(CapturedOutput output) {
		Console console = new Console(output, this.reactor);
		assertThat(console.at(Duration.ZERO)).containsExactly(NEW_SECOND);
		assertThat(console.at(Duration.ofSeconds(1))).containsExactly(NEW_SECOND);
		assertThat(console.at(Duration.ofSeconds(2))).containsExactly(TIMED_OUT, NEW_SECOND);
		assertThat(console.at(Duration.ofMillis(2999))).isEmpty();

		List<String> traceback = console.at(Duration.ofSeconds(3));
		// Twisted's getBriefTraceback: the exception, then file:line:function frames, innermost first.
		assertThat(traceback).hasSize(4);
		assertThat(traceback.get(0))
			.isEqualTo("Traceback: java.lang.RuntimeException: Failure during loop execution.");
		assertThat(traceback.get(1)).matches("SecondsLoop\\.java:\\d+:runEverySecond");
		assertThat(traceback.subList(2, 4)).allMatch((frame) -> frame.matches("\\S+:-?\\d+:\\S+"));

		// A failed loop stays stopped.
		assertThat(console.at(Duration.ofMinutes(1))).doesNotContain(NEW_SECOND, LOOP_DONE);
		assertThat(console.all()).doesNotContain(LOOP_DONE);
	}

}
