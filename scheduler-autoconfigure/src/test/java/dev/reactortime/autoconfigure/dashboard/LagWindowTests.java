package dev.reactortime.autoconfigure.dashboard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.reactortime.DelayedCall;
import dev.reactortime.VirtualTimeReactor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's window of recent lags, on a clock the test steps by hand.
 */
class LagWindowTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final LagWindow window = new LagWindow(this.nanos::get);

	// Any call will do: the window reads only the lag it is told.
	private final DelayedCall call = new VirtualTimeReactor().callLater(Duration.ofHours(1), () -> {
	});

	@Test
	void anEmptyWindowHasNoPercentiles() {
		LagWindow.Summary summary = this.window.summary(Duration.ofSeconds(10));
		assertThat(summary.count()).isZero();
		assertThat(summary.p50Ms()).isNull();
		assertThat(summary.p99Ms()).isNull();
		assertThat(summary.maxMs()).isNull();
		assertThat(summary.windowMs()).isEqualTo(10_000);
	}

	@Test
	void percentilesAreNearestRanksOfTheLagsInTheWindow() {
		for (int ms = 100; ms >= 1; ms--) {
			this.window.started(this.call, ms * 1_000_000L);
		}
		LagWindow.Summary summary = this.window.summary(Duration.ofSeconds(10));
		assertThat(summary.count()).isEqualTo(100);
		assertThat(summary.p50Ms()).isEqualTo(50.0);
		assertThat(summary.p99Ms()).isEqualTo(99.0);
		assertThat(summary.maxMs()).isEqualTo(100.0);
	}

	@Test
	void lagsOlderThanTheWindowAreLeftOut() {
		this.window.started(this.call, 900_000_000L);
		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		this.window.started(this.call, 2_000_000L);
		LagWindow.Summary summary = this.window.summary(Duration.ofSeconds(10));
		assertThat(summary.count()).isOne();
		assertThat(summary.maxMs()).isEqualTo(2.0);
	}

	@Test
	void keepsTheLatestLagsWhenMoreArriveThanItHolds() {
		for (int i = 0; i < LagWindow.CAPACITY; i++) {
			this.window.started(this.call, 50_000_000L);
		}
		for (int i = 0; i < LagWindow.CAPACITY; i++) {
			this.window.started(this.call, 1_000_000L);
		}
		LagWindow.Summary summary = this.window.summary(Duration.ofSeconds(10));
		assertThat(summary.count()).isEqualTo(LagWindow.CAPACITY);
		assertThat(summary.maxMs()).isEqualTo(1.0);
	}

	@Test
	void countsTheWatchdogsReports() {
		this.window.blocked(this.call, Duration.ofSeconds(1), new StackTraceElement[0]);
		this.window.blocked(this.call, Duration.ofSeconds(2), new StackTraceElement[0]);
		assertThat(this.window.summary(Duration.ofSeconds(10)).blocked()).isEqualTo(2);
	}

}
