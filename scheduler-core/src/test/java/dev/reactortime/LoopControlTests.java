package dev.reactortime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link LoopingCall#pause()}, {@link LoopingCall#resume()} and {@link LoopingCall#runNow()} on both reactors (the
 * real-time one on a hand-moved ticker): paused ticks are skipped and counted on the grid they keep, and a run-now
 * is one extra call that leaves the grid alone.
 */
class LoopControlTests {

	static Stream<Arguments> reactors() {
		return Stream.of(Arguments.of("virtual time", (Supplier<ReactorHarness>) ReactorHarness::virtual),
				Arguments.of("event loop", (Supplier<ReactorHarness>) ReactorHarness::eventLoop));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reactors")
	void pausedTicksAreSkippedAndCountedAndResumeKeepsTheGrid(String name, Supplier<ReactorHarness> harnesses) {
		try (ReactorHarness harness = harnesses.get()) {
			List<Long> at = new CopyOnWriteArrayList<>();
			Reactor reactor = harness.reactor();
			java.time.Instant origin = reactor.now();
			LoopingCall loop = reactor.loopingCall("paused", () -> at.add(harness.millisSince(origin)));
			loop.start(Duration.ofSeconds(1));
			harness.advanceMillis(1000); // calls at 0 and 1000
			loop.pause();
			assertThat(loop.isPaused()).isTrue();
			harness.advanceMillis(2500); // ticks at 2000 and 3000 skipped
			loop.resume();
			harness.advanceMillis(1500); // 4000 and 5000: the old grid, nothing made up at 3500
			assertThat(at).containsExactly(0L, 1000L, 4000L, 5000L);
			assertThat(loop.stats().skipped()).isEqualTo(2);
			assertThat(loop.isPaused()).isFalse();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reactors")
	void runNowRunsOnceMoreAndLeavesTheGridAlone(String name, Supplier<ReactorHarness> harnesses) {
		try (ReactorHarness harness = harnesses.get()) {
			List<Long> at = new CopyOnWriteArrayList<>();
			Reactor reactor = harness.reactor();
			java.time.Instant origin = reactor.now();
			LoopingCall loop = reactor.loopingCall("extra", () -> at.add(harness.millisSince(origin)));
			loop.start(Duration.ofSeconds(1));
			harness.advanceMillis(300);
			loop.runNow();
			harness.advanceMillis(1000);
			assertThat(at).containsExactly(0L, 300L, 1000L);
			assertThat(loop.callCount()).isEqualTo(3);
			assertThat(loop.stats().skipped()).isZero();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reactors")
	void runNowWorksWhilePaused(String name, Supplier<ReactorHarness> harnesses) {
		try (ReactorHarness harness = harnesses.get()) {
			List<Long> at = new CopyOnWriteArrayList<>();
			Reactor reactor = harness.reactor();
			java.time.Instant origin = reactor.now();
			LoopingCall loop = reactor.loopingCall("paused-extra", () -> at.add(harness.millisSince(origin)));
			loop.start(Duration.ofSeconds(1), false);
			loop.pause();
			harness.advanceMillis(1500);
			loop.runNow();
			harness.advanceMillis(1000);
			assertThat(at).containsExactly(1500L);
			assertThat(loop.stats().skipped()).isEqualTo(2);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reactors")
	void runNowIsRefusedWhileTheBodyRunsOrOneIsPending(String name, Supplier<ReactorHarness> harnesses) {
		try (ReactorHarness harness = harnesses.get()) {
			AtomicReference<LoopingCall> self = new AtomicReference<>();
			AtomicReference<Throwable> refusal = new AtomicReference<>();
			LoopingCall loop = harness.reactor().loopingCall("busy", () -> {
				try {
					self.get().runNow();
				}
				catch (IllegalStateException ex) {
					refusal.set(ex);
				}
			});
			self.set(loop);
			loop.start(Duration.ofSeconds(1));
			harness.advanceMillis(0);
			assertThat(refusal.get()).hasMessageContaining("'busy'").hasMessageContaining("running its body");
			assertThat(loop.callCount()).isEqualTo(1);
		}
	}

	@Test // virtual time only: the real-time reactor may run the first run-now before the second is asked for
	void aSecondRunNowIsRefusedWhileTheFirstIsPending() {
		try (ReactorHarness harness = ReactorHarness.virtual()) {
			LoopingCall loop = harness.reactor().loopingCall("twice", () -> {
			});
			loop.start(Duration.ofSeconds(1), false);
			loop.runNow();
			assertThatIllegalStateException().isThrownBy(loop::runNow).withMessageContaining("'twice' has a run-now pending");
			harness.advanceMillis(0);
			assertThat(loop.callCount()).isEqualTo(1);
			loop.runNow();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reactors")
	void controlsOfAStoppedLoopThrow(String name, Supplier<ReactorHarness> harnesses) {
		try (ReactorHarness harness = harnesses.get()) {
			LoopingCall loop = harness.reactor().loopingCall("stopped", () -> {
			});
			assertThatIllegalStateException().isThrownBy(loop::pause).withMessageContaining("'stopped' is not running");
			assertThatIllegalStateException().isThrownBy(loop::resume).withMessageContaining("not running");
			assertThatIllegalStateException().isThrownBy(loop::runNow).withMessageContaining("not running");
		}
	}

	@Test // virtual time only: the real-time reactor may run a run-now before the next line stops the loop
	void stopCancelsAPendingRunNowAndRestartClearsPause() {
		try (ReactorHarness harness = ReactorHarness.virtual()) {
			List<String> log = new CopyOnWriteArrayList<>();
			LoopingCall loop = harness.reactor().loopingCall("restart", () -> log.add("run"));
			loop.start(Duration.ofSeconds(1), false);
			loop.pause();
			loop.runNow();
			loop.stop();
			harness.advanceMillis(2000);
			assertThat(log).isEmpty();
			loop.start(Duration.ofSeconds(1), false);
			assertThat(loop.isPaused()).isFalse();
			harness.advanceMillis(1000);
			assertThat(log).containsExactly("run");
		}
	}

}
