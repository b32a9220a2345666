package dev.reactortime.demo.background;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the nightly report runs, on virtual time in Paris: at 02:00 every night, once, daylight-saving nights included.
 */
class NightlyReportTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class, ReactortimeAutoConfiguration.class))
		.withPropertyValues("demo.nightly-report.zone=Europe/Paris")
		.withBean(NightlyReport.class);

	@Test
	void theReportRunsAtTwoEveryNight() {
		assertThat(runs("2026-11-24T12:00:00Z", Duration.ofDays(2))).containsExactly("2026-11-25T02:00+01:00",
				"2026-11-26T02:00+01:00");
	}

	@Test
	void theNightClocksGoForwardTheReportRunsAtThreeWhenTheGapEnds() {
		// 2026-03-29 in Paris: 02:00 becomes 03:00, so 02:00 does not exist that night.
		assertThat(runs("2026-03-28T12:00:00Z", Duration.ofDays(2))).containsExactly("2026-03-29T03:00+02:00",
				"2026-03-30T02:00+02:00");
	}

	@Test
	void theNightClocksGoBackTheReportRunsOnce() {
		// 2026-10-25 in Paris: 03:00 becomes 02:00, so 02:00 comes twice; the report runs at the first.
		assertThat(runs("2026-10-24T12:00:00Z", Duration.ofDays(2))).containsExactly("2026-10-25T02:00+02:00",
				"2026-10-26T02:00+01:00");
	}

	private List<String> runs(String start, Duration span) {
		List<String> runs = new java.util.ArrayList<>();
		this.contextRunner.withBean(VirtualTimeReactor.class, () -> new VirtualTimeReactor(Instant.parse(start)))
			.run((context) -> {
				VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
				LoopingCall report = reactor.getLoopingCalls().get(0);
				assertThat(report.name()).isEqualTo("nightly-report");
				long before = 0;
				Instant end = reactor.now().plus(span);
				while (reactor.now().isBefore(end)) {
					reactor.advance(Duration.ofMinutes(1));
					if (report.callCount() > before) {
						before = report.callCount();
						runs.add(ZonedDateTime.ofInstant(reactor.wallClock(), PARIS).toOffsetDateTime().toString());
					}
				}
			});
		return runs;
	}

}
