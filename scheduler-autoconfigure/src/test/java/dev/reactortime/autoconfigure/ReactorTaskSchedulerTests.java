package dev.reactortime.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

import dev.reactortime.VirtualTimeReactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.CronTrigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorTaskScheduler} on virtual time, with bodies run where the clock is advanced.
 */
class ReactorTaskSchedulerTests {

	private final VirtualTimeReactor reactor = new VirtualTimeReactor();

	private final ReactorTaskScheduler scheduler = new ReactorTaskScheduler(this.reactor, Runnable::run);

	private final List<Long> starts = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.reactor.close();
	}

	private void record() {
		this.starts.add(this.reactor.now().toEpochMilli());
	}

	@Test
	void fixedDelayCountsFromTheEndOfEachRun() {
		this.scheduler.scheduleWithFixedDelay(() -> {
			record();
			this.reactor.busy(Duration.ofSeconds(1));
		}, Duration.ofSeconds(3));
		this.reactor.advance(Duration.ofSeconds(10));
		assertThat(this.starts).containsExactly(0L, 4000L, 8000L);
	}

	@Test
	void fixedRateSkipsThePeriodsALateRunMissedInsteadOfRunningThemBackToBack() {
		this.scheduler.scheduleAtFixedRate(() -> {
			record();
			if (this.starts.size() == 1) {
				this.reactor.busy(Duration.ofMillis(2500));
			}
		}, Duration.ofSeconds(1));
		this.reactor.advance(Duration.ofSeconds(5));
		assertThat(this.starts).containsExactly(0L, 3000L, 4000L, 5000L);
		assertThat(this.reactor.getLoopingCalls().get(0).stats().skipped()).isEqualTo(2);
	}

	@Test
	void startTimesAndCancellationFollowTheReactorsClock() {
		ScheduledFuture<?> future = this.scheduler.scheduleAtFixedRate(this::record,
				this.scheduler.getClock().instant().plusSeconds(5), Duration.ofSeconds(1));
		this.reactor.advance(Duration.ofSeconds(6));
		assertThat(this.starts).containsExactly(5000L, 6000L);
		assertThat(future.cancel(false)).isTrue();
		this.reactor.advance(Duration.ofSeconds(5));
		assertThat(this.starts).hasSize(2);
		assertThat(future.isCancelled()).isTrue();
		assertThat(this.reactor.getLoopingCalls().get(0).isRunning()).isFalse();
	}

	@Test
	void triggersAndOneShotsRunOnTheWallClock() {
		this.scheduler.schedule(this::record, new CronTrigger("0 0 * * * *", java.time.ZoneOffset.UTC));
		this.scheduler.schedule(this::record, Instant.EPOCH.plusSeconds(90));
		this.reactor.jumpWallClock(Duration.ofMinutes(30));
		this.reactor.advance(Duration.ofMinutes(31));
		// The one-shot at wall 00:01:30 became overdue with the jump; the cron's 01:00 is now at 00:30 monotonic.
		assertThat(this.starts).containsExactly(0L, 1_800_000L);
	}

}
