package dev.reactortime.readme;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.DelayedCall;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start ({@link Greeter}) does what its comments say, on virtual time.
 */
@SpringBootTest
@VirtualReactorTime
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class QuickStartTests {

	@Autowired
	VirtualTimeReactor reactor;

	@Autowired
	Greeter greeter;

	@Test
	void helloRunsOnceAfterThreeAndAHalfSecondsAndTheLoopStopsItselfAfterThreeTicks(CapturedOutput output) {
		LoopingCall tick = this.reactor.getLoopingCalls()
			.stream()
			.filter((loop) -> loop.name().equals("greeter.tick"))
			.findFirst()
			.orElseThrow();
		this.reactor.advance(Duration.ofMillis(3499));
		assertThat(output.getOut()).doesNotContain("hello, world");
		assertThat(tick.callCount()).isEqualTo(3);
		assertThat(tick.isRunning()).isFalse();
		this.reactor.advance(Duration.ofMillis(1));
		assertThat(output.getOut().lines().filter("hello, world"::equals)).hasSize(1);
		this.reactor.advance(Duration.ofMinutes(1));
		assertThat(output.getOut().lines().filter("hello, world"::equals)).hasSize(1);
		assertThat(tick.callCount()).isEqualTo(3);
	}

	@Test
	void theReminderIsResetToTenMinutesFromNowAndTheLookupCompletesWithinItsTimeout() {
		AtomicInteger reminded = new AtomicInteger();
		DelayedCall reminder = this.greeter.remindLater(reminded::incrementAndGet);
		assertThat(reminder.name()).isEqualTo("reminder");
		assertThat(reminder.getTime()).isEqualTo(Instant.EPOCH.plus(Duration.ofMinutes(10)));
		CompletableFuture<String> lookup = this.greeter.lookup();
		this.reactor.advance(Duration.ofSeconds(1));
		assertThat(lookup).isCompletedWithValue("value");
		this.reactor.advance(Duration.ofMinutes(5));
		assertThat(reminded).hasValue(0);
		this.reactor.advance(Duration.ofMinutes(5));
		assertThat(reminded).hasValue(1);
	}

}
