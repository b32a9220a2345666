package dev.reactortime.readme;

import java.time.Duration;

import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import dev.reactortime.readme.ReadmeApplication.CountingExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The methods of the README's annotations example ({@link Jobs}) that its test example leaves out do what their
 * comments say, on virtual time.
 */
@SpringBootTest
@VirtualReactorTime
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class JobsScheduleTests {

	@Autowired
	VirtualTimeReactor reactor;

	@Autowired
	CountingExecutor ioPool;

	@Test
	void eachLoopAndTheTimedOutQueryBehaveAsTheirCommentsSay(CapturedOutput output) {
		LoopingCall seedLoop = loop("jobs.runEverySecond");
		LoopingCall report = loop("nightly-report");

		this.reactor.advance(Duration.ofMillis(2999));
		assertThat(output.getErr()).doesNotContain("timed out");
		this.reactor.advance(Duration.ofMillis(1));
		// query() ran at 1 s; its stage was not complete 2 s later.
		assertThat(output.getErr()).contains("@CallLater 'jobs.query' (jobs#query) timed out");
		// The seed's loop ran at 0, 1, 2 and 3 s, and the fourth call stopped it.
		assertThat(seedLoop.callCount()).isEqualTo(4);
		assertThat(seedLoop.isRunning()).isFalse();

		// The report ran at 0 and runs every minute, each time on ioPool.
		this.reactor.advance(Duration.ofMinutes(2));
		assertThat(report.callCount()).isEqualTo(3);
		assertThat(this.ioPool.executed()).isEqualTo(3);
		assertThat(seedLoop.callCount()).isEqualTo(4);
	}

	private LoopingCall loop(String name) {
		return this.reactor.getLoopingCalls()
			.stream()
			.filter((loop) -> loop.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
