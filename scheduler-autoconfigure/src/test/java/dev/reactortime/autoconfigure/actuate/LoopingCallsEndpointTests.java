package dev.reactortime.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint.LoopingCallDescriptor;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint.OutcomeDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopingCallsEndpoint}, called directly on a {@link VirtualTimeReactor}.
 */
class LoopingCallsEndpointTests {

	private final VirtualTimeReactor reactor = new VirtualTimeReactor();

	private final LoopingCallsEndpoint endpoint = new LoopingCallsEndpoint(this.reactor);

	private final AtomicInteger ticks = new AtomicInteger();

	@AfterEach
	void close() {
		this.reactor.close();
	}

	@Test
	void listsLoopsByNameWithTheirStatistics() {
		LoopingCall tick = this.reactor.loopingCall("tick", () -> {
			this.ticks.incrementAndGet();
			this.reactor.busy(Duration.ofMillis(20));
		});
		tick.start(Duration.ofSeconds(1));
		LoopingCall another = this.reactor.loopingCall("another", () -> {
		});
		another.start(Duration.ofMinutes(1), false);
		this.reactor.advance(Duration.ofSeconds(2));

		assertThat(this.endpoint.loopingCalls().loops()).containsExactly(
				new LoopingCallDescriptor("another", "PT1M", true, 0, 0, null, null, null, Instant.ofEpochSecond(60)),
				new LoopingCallDescriptor("tick", "PT1S", true, 3, 0, Instant.ofEpochSecond(2), 20.0,
						new OutcomeDescriptor("success", null, null), Instant.ofEpochSecond(3)));
	}

	@Test
	void failedLoopShowsItsExceptionClassAndMessage() {
		LoopingCall loop = this.reactor.loopingCall("flaky", () -> {
			throw new IllegalStateException("out of coffee");
		});
		loop.start(Duration.ofSeconds(1));
		this.reactor.advance(Duration.ZERO);

		LoopingCallDescriptor descriptor = body(this.endpoint.loopingCall("flaky"));
		assertThat(descriptor.running()).isFalse();
		assertThat(descriptor.lastOutcome())
			.isEqualTo(new OutcomeDescriptor("error", "java.lang.IllegalStateException", "out of coffee"));
		assertThat(descriptor.nextDueAt()).isNull();
	}

	@Test
	void unknownNameIsNotFound() {
		assertThat(this.endpoint.loopingCall("nope").getStatus()).isEqualTo(404);
		assertThat(this.endpoint.stop("nope").getStatus()).isEqualTo(404);
		assertThat(this.endpoint.act("nope", "reset", null).getStatus()).isEqualTo(404);
	}

	@Test
	void nameSharedByTwoLoopsIsAConflict() {
		this.reactor.loopingCall("twin", () -> {
		}).start(Duration.ofSeconds(1));
		this.reactor.loopingCall("twin", () -> {
		}).start(Duration.ofSeconds(1));
		assertThat(this.endpoint.loopingCall("twin").getStatus()).isEqualTo(409);
		assertThat(this.endpoint.stop("twin").getStatus()).isEqualTo(409);
	}

	@Test
	void stopStopsARunningLoopAndItTicksNoMore() {
		LoopingCall loop = startTick();
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(this.ticks).hasValue(3);

		assertThat(this.endpoint.stop("tick").getStatus()).isEqualTo(204);
		assertThat(loop.isRunning()).isFalse();
		this.reactor.advance(Duration.ofSeconds(10));
		assertThat(this.ticks).hasValue(3);
		assertThat(body(this.endpoint.loopingCall("tick")).running()).isFalse();
		assertThat(this.endpoint.stop("tick").getStatus()).isEqualTo(409);
	}

	@Test
	void startRunsAStoppedLoopAgainWithItsLastIntervalAndAFirstCallAtOnce() {
		LoopingCall loop = startTick();
		this.reactor.advance(Duration.ZERO);
		loop.stop();
		this.reactor.advance(Duration.ofMillis(500));

		LoopingCallDescriptor started = body(this.endpoint.act("tick", "start", null));
		assertThat(started.running()).isTrue();
		assertThat(started.interval()).isEqualTo("PT1S");
		assertThat(started.nextDueAt()).isEqualTo(Instant.ofEpochMilli(500));
		this.reactor.advance(Duration.ofSeconds(1));
		assertThat(this.ticks).hasValue(3);
		assertThat(this.endpoint.act("tick", "start", null).getStatus()).isEqualTo(409);
	}

	@Test
	void startWithNowFalseWaitsOneInterval() {
		LoopingCall loop = startTick();
		this.reactor.advance(Duration.ZERO);
		loop.stop();

		LoopingCallDescriptor started = body(this.endpoint.act("tick", "START", "false"));
		assertThat(started.nextDueAt()).isEqualTo(Instant.ofEpochSecond(1));
	}

	@Test
	void loopNeverStartedCannotBeStartedForItHasNoInterval() {
		LoopingCall loop = this.reactor.loopingCall("idle", () -> {
		});
		loop.start(Duration.ofSeconds(1));
		loop.stop();
		assertThat(body(this.endpoint.loopingCall("idle")).interval()).isEqualTo("PT1S");
		// A loop that never started is not listed by the reactor, so the endpoint cannot address it at all.
		assertThat(this.endpoint.act("never", "start", null).getStatus()).isEqualTo(404);
	}

	@Test
	void resetRestartsTheGridFromNow() {
		startTick();
		this.reactor.advance(Duration.ofMillis(1300));
		LoopingCallDescriptor reset = body(this.endpoint.act("tick", "reset", null));
		assertThat(reset.nextDueAt()).isEqualTo(Instant.ofEpochMilli(2300));
	}

	@Test
	void resetOfAStoppedLoopIsAConflict() {
		LoopingCall loop = startTick();
		loop.stop();
		assertThat(this.endpoint.act("tick", "reset", null).getStatus()).isEqualTo(409);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "restart", "stop", "delete" })
	void unknownActionIsABadRequest(String action) {
		startTick();
		assertThat(this.endpoint.act("tick", action, null).getStatus()).isEqualTo(400);
	}

	@Test
	void missingActionOrMalformedNowIsABadRequest() {
		startTick();
		assertThat(this.endpoint.act("tick", null, null).getStatus()).isEqualTo(400);
		assertThat(this.endpoint.act("tick", "start", "yes").getStatus()).isEqualTo(400);
	}

	private LoopingCall startTick() {
		LoopingCall loop = this.reactor.loopingCall("tick", this.ticks::incrementAndGet);
		loop.start(Duration.ofSeconds(1));
		return loop;
	}

	private static LoopingCallDescriptor body(WebEndpointResponse<Object> response) {
		assertThat(response.getStatus()).isEqualTo(200);
		return (LoopingCallDescriptor) response.getBody();
	}

	@Test
	void pauseSkipsTicksAndResumeKeepsTheGrid() {
		startTick();
		this.reactor.advance(Duration.ofMillis(500));
		LoopingCallDescriptor paused = body(this.endpoint.act("tick", "pause", null));
		assertThat(paused.paused()).isTrue();
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(this.ticks).hasValue(1);
		LoopingCallDescriptor resumed = body(this.endpoint.act("tick", "Resume", null));
		assertThat(resumed.paused()).isFalse();
		assertThat(resumed.skipped()).isEqualTo(2);
		assertThat(resumed.nextDueAt()).isEqualTo(Instant.ofEpochSecond(3));
	}

	@Test
	void runNowRunsOnceMoreAndIsAConflictOnAStoppedLoop() {
		LoopingCall loop = startTick();
		this.reactor.advance(Duration.ofMillis(500));
		LoopingCallDescriptor requested = body(this.endpoint.act("tick", "run-now", null));
		assertThat(requested.nextDueAt()).isEqualTo(Instant.ofEpochSecond(1));
		this.reactor.advance(Duration.ZERO);
		assertThat(this.ticks).hasValue(2);
		loop.stop();
		WebEndpointResponse<Object> refused = this.endpoint.act("tick", "run-now", null);
		assertThat(refused.getStatus()).isEqualTo(409);
		assertThat(this.endpoint.act("tick", "pause", null).getStatus()).isEqualTo(409);
		assertThat(this.endpoint.act("tick", "resume", null).getStatus()).isEqualTo(409);
	}

	@Test
	void aLoopOnAScheduleShowsItAndStartsAgainOnIt() {
		LoopingCall loop = this.reactor.loopingCall("scheduled", this.ticks::incrementAndGet);
		dev.reactortime.Schedule hourly = new dev.reactortime.Schedule() {

			@Override
			public Instant next(Instant after) {
				return after.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
			}

			@Override
			public String toString() {
				return "hourly";
			}

		};
		loop.start(hourly);
		LoopingCallDescriptor descriptor = body(this.endpoint.loopingCall("scheduled"));
		assertThat(descriptor.interval()).isNull();
		assertThat(descriptor.schedule()).isEqualTo("hourly");
		assertThat(descriptor.nextDueAt()).isEqualTo(Instant.ofEpochSecond(3600));
		loop.stop();
		this.reactor.advance(Duration.ofMinutes(90));
		LoopingCallDescriptor started = body(this.endpoint.act("scheduled", "start", null));
		assertThat(started.running()).isTrue();
		assertThat(started.nextDueAt()).isEqualTo(Instant.ofEpochSecond(7200));
	}

}
