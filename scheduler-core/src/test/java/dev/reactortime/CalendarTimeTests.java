package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Wall-clock time on {@link VirtualTimeReactor}: {@code callAt} follows the wall clock across jumps while
 * {@code callLater} stays on the monotonic clock, and loops run on a {@link Schedule} with the skip-and-count rule.
 */
class CalendarTimeTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	private final VirtualTimeReactor reactor = new VirtualTimeReactor(START);

	private final List<String> log = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.reactor.close();
	}

	private Runnable record(String label) {
		return () -> this.log.add(label + " wall=" + this.reactor.wallClock() + " mono=" + this.reactor.now());
	}

	@Test
	void callAtRunsAtTheWallInstantWhenTheWallClockJumpsForward() {
		this.reactor.callAt(START.plus(Duration.ofHours(2)), record("at"));
		this.reactor.callLater(Duration.ofHours(2), record("later"));
		this.reactor.jumpWallClock(Duration.ofHours(1));
		assertThat(this.reactor.wallClock()).isEqualTo(START.plus(Duration.ofHours(1)));
		this.reactor.advance(Duration.ofMinutes(59));
		assertThat(this.log).isEmpty();
		this.reactor.advance(Duration.ofMinutes(1));
		assertThat(this.log).containsExactly("at wall=2026-03-01T12:00:00Z mono=2026-03-01T11:00:00Z");
		this.reactor.advance(Duration.ofHours(1));
		assertThat(this.log).endsWith("later wall=2026-03-01T13:00:00Z mono=2026-03-01T12:00:00Z");
	}

	@Test
	void callAtRunsAtTheWallInstantWhenTheWallClockJumpsBack() {
		this.reactor.callAt(START.plus(Duration.ofHours(2)), record("at"));
		this.reactor.callLater(Duration.ofHours(2), record("later"));
		this.reactor.jumpWallClock(Duration.ofHours(-1));
		this.reactor.advance(Duration.ofHours(2));
		assertThat(this.log).containsExactly("later wall=2026-03-01T11:00:00Z mono=2026-03-01T12:00:00Z");
		this.reactor.advance(Duration.ofHours(1));
		assertThat(this.log).endsWith("at wall=2026-03-01T12:00:00Z mono=2026-03-01T13:00:00Z");
	}

	@Test
	void aJumpPastAWallInstantMakesItsCallOverdue() {
		this.reactor.callAt(START.plus(Duration.ofMinutes(30)), record("at"));
		this.reactor.jumpWallClock(Duration.ofHours(1));
		this.reactor.advance(Duration.ZERO);
		assertThat(this.log).containsExactly("at wall=2026-03-01T11:00:00Z mono=2026-03-01T10:00:00Z");
	}

	@Test
	void callAtInThePastRunsAtOnceAndCancelledCallsDoNotRun() {
		this.reactor.callAt(START.minusSeconds(5), record("past"));
		DelayedCall cancelled = this.reactor.callAt(CallOptions.named("cancelled"), START.plusSeconds(5),
				record("cancelled"));
		cancelled.cancel();
		this.reactor.advance(Duration.ZERO);
		assertThat(this.log).containsExactly("past wall=2026-03-01T10:00:00Z mono=2026-03-01T10:00:00Z");
		this.reactor.jumpWallClock(Duration.ofSeconds(-30));
		this.reactor.advance(Duration.ofMinutes(1));
		assertThat(this.log).hasSize(1);
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
	}

	@Test
	void callAtRejectsNullArguments() {
		assertThatNullPointerException().isThrownBy(() -> this.reactor.callAt(null, () -> {
		})).withMessageContaining("at");
		assertThatNullPointerException().isThrownBy(() -> this.reactor.callAt(START, null))
			.withMessageContaining("task");
	}

	@Test
	void aLoopOnAScheduleRunsAtItsInstantsOnTheWallClock() {
		// Every full hour of the wall clock.
		Schedule hourly = (after) -> after.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
		LoopingCall loop = this.reactor.loopingCall("hourly", record("tick"));
		loop.start(hourly);
		this.reactor.advance(Duration.ofMinutes(150));
		assertThat(this.log).containsExactly("tick wall=2026-03-01T11:00:00Z mono=2026-03-01T11:00:00Z",
				"tick wall=2026-03-01T12:00:00Z mono=2026-03-01T12:00:00Z");
		this.reactor.jumpWallClock(Duration.ofMinutes(-30)); // wall 12:00 again: 13:00 is an hour away
		this.reactor.advance(Duration.ofMinutes(59));
		assertThat(this.log).hasSize(2);
		this.reactor.advance(Duration.ofMinutes(1));
		assertThat(this.log).endsWith("tick wall=2026-03-01T13:00:00Z mono=2026-03-01T13:30:00Z");
		assertThat(loop.schedule()).isSameAs(hourly);
		assertThat(loop.interval()).isNull();
	}

	@Test
	void aLoopOnAScheduleSkipsAndCountsTheInstantsItMissed() {
		List<Integer> counts = new CopyOnWriteArrayList<>();
		Schedule minutely = (after) -> after.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
		LoopingCall loop = this.reactor.loopingCallWithCount(CallOptions.named("minutely"), (count) -> {
			counts.add(count);
			if (counts.size() == 1) {
				this.reactor.busy(Duration.ofSeconds(150)); // past the next two instants
			}
		});
		loop.start(minutely);
		this.reactor.advance(Duration.ofMinutes(5));
		// 10:01 (busy to 10:03:30), 10:04 counting 10:02 and 10:03, 10:05
		assertThat(counts).containsExactly(1, 3, 1);
		assertThat(loop.stats().skipped()).isEqualTo(2);
	}

	@Test
	void aLoopWhoseScheduleEndsStopsAndCompletesItsFuture() {
		Instant only = START.plusSeconds(10);
		Schedule once = (after) -> after.isBefore(only) ? only : null;
		LoopingCall loop = this.reactor.loopingCall("once", record("once"));
		CompletableFuture<LoopingCall> done = loop.start(once);
		this.reactor.advance(Duration.ofMinutes(1));
		assertThat(this.log).hasSize(1);
		assertThat(done).isCompletedWithValue(loop);
		assertThat(loop.isRunning()).isFalse();
	}

	@Test
	void aFixedIntervalScheduleIsTheMonotonicGrid() {
		LoopingCall loop = this.reactor.loopingCall("every", record("tick"));
		loop.start(Schedule.every(Duration.ofMinutes(10)));
		this.reactor.jumpWallClock(Duration.ofHours(5)); // the grid does not move
		this.reactor.advance(Duration.ofMinutes(20));
		assertThat(this.log).containsExactly("tick wall=2026-03-01T15:10:00Z mono=2026-03-01T10:10:00Z",
				"tick wall=2026-03-01T15:20:00Z mono=2026-03-01T10:20:00Z");
		assertThat(loop.interval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(loop.schedule()).hasToString("every PT10M");
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.every(Duration.ofSeconds(-1)))
			.withMessageContaining("interval");
	}

}
