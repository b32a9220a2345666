package dev.reactortime.readme;

import java.time.Duration;

import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's cron example ({@link NightlyJobs}) does what its comments say, on virtual time (which starts at the
 * epoch: 01:00 in Berlin).
 */
@SpringBootTest
@VirtualReactorTime
@DirtiesContext
class NightlyJobsTests {

	@Autowired
	VirtualTimeReactor reactor;

	@Autowired
	NightlyJobs jobs;

	@Test
	void theReportRunsAtTwoInBerlinAndTheRefreshAfterItsInitialDelay() {
		this.reactor.advance(Duration.ofSeconds(29));
		// Until its initial delay has passed the loop is a pending call, not yet a running loop.
		assertThat(this.reactor.getLoopingCalls()).extracting(LoopingCall::name).doesNotContain("nightlyJobs.refresh");
		assertThat(this.reactor.getDelayedCalls()).extracting(dev.reactortime.DelayedCall::name)
			.contains("nightlyJobs.refresh");
		this.reactor.advance(Duration.ofSeconds(1));
		assertThat(refresh().callCount()).isOne();
		this.reactor.advance(Duration.ofMinutes(59).plusSeconds(29));
		assertThat(this.jobs.reports).hasValue(0);
		this.reactor.advance(Duration.ofSeconds(1));             // 01:00 UTC is 02:00 in Berlin
		assertThat(this.jobs.reports).hasValue(1);
		this.reactor.advance(Duration.ofDays(1));
		assertThat(this.jobs.reports).hasValue(2);
		assertThat(refresh().callCount()).isEqualTo(1 + 5 + 24 * 6);   // 00:00:30, then every 10 min up to 25:00
	}

	private LoopingCall refresh() {
		return this.reactor.getLoopingCalls()
			.stream()
			.filter((loop) -> loop.name().equals("nightlyJobs.refresh"))
			.findFirst()
			.orElseThrow();
	}

}
