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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's examples on virtual time: each line appears at the instant the seed says, in order, and nothing else is
 * printed. Subclasses choose how the examples are written; the timeline is the same.
 *
 * <p>The context starts at the reactor's epoch; the loop's grid, the 3.5 s calls and the 2 s timeout all count from
 * there.
 */
@SpringBootTest
@VirtualReactorTime
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
abstract class SeedTimelineTests {

	static final String NEW_SECOND = "A new second has passed.";

	static final String TIMED_OUT = "Timed out after 2s: the slow lookup was cancelled";

	static final String LOOP_DONE = "Loop done.";

	static final String HELLO = "this will run 3.5 seconds after it was scheduled: hello, world";

	static final String DEFERRED_HELLO = "This will run 3.5 seconds after it was scheduled: hello, world";

	static final String NEVER = "I'll never run.";

	@Autowired
	VirtualTimeReactor reactor;

	@Test
	void printsEachSeedLineAtItsVirtualTime(CapturedOutput output) {
		Console console = new Console(output, this.reactor);
		// Nothing runs before the clock moves, not even the loop's first call, which is due at once.
		assertThat(console.printed()).isEmpty();

		assertThat(console.at(Duration.ZERO)).containsExactly(NEW_SECOND);
		assertThat(console.at(Duration.ofMillis(999))).isEmpty();
		assertThat(console.at(Duration.ofSeconds(1))).containsExactly(NEW_SECOND);
		assertThat(console.at(Duration.ofMillis(1999))).isEmpty();
		// Both due at 2 s: the timeout's timer was scheduled at 0 s, the loop's third call only at 1 s, and calls
		// due at the same instant run in the order they were scheduled.
		assertThat(console.at(Duration.ofSeconds(2))).containsExactly(TIMED_OUT, NEW_SECOND);
		assertThat(console.at(Duration.ofMillis(2999))).isEmpty();
		// The fourth call stops the loop, which completes its future: the callback runs at the same instant.
		assertThat(console.at(Duration.ofSeconds(3))).containsExactly(LOOP_DONE);
		assertThat(console.at(Duration.ofMillis(3499))).isEmpty();
		// Both due at 3.5 s, in the seed's order: callLater was scheduled before deferLater.
		assertThat(console.at(Duration.ofMillis(3500))).containsExactly(HELLO, DEFERRED_HELLO);

		// The cancelled call was due at 5 s; the loop stays stopped; the background loops only log.
		assertThat(console.at(Duration.ofSeconds(5))).isEmpty();
		assertThat(console.at(Duration.ofMinutes(2))).isEmpty();
		assertThat(console.all()).doesNotContain(NEVER);
	}

}
