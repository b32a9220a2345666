package dev.reactortime.demo.background;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the nightly report is due, from the wall clock.
 */
class NightlyReportTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Test
	void beforeTwoInTheMorningTheReportIsDueTheSameNight() {
		assertThat(delayFrom("2026-11-25T01:30")).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void afterTwoInTheMorningTheReportIsDueTheNextNight() {
		assertThat(delayFrom("2026-11-25T03:00")).isEqualTo(Duration.ofHours(23));
	}

	@Test
	void atTwoInTheMorningTheNextReportIsADayAwaySoItNeverRunsTwice() {
		assertThat(delayFrom("2026-11-25T02:00")).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void theNightClocksGoForwardTheReportRunsWhen02h00WouldHaveBeen() {
		// 2026-03-29 in Paris: 02:00 becomes 03:00, so from 01:00 it is one hour away (at 03:00 summer time).
		assertThat(delayFrom("2026-03-29T01:00")).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void theNightClocksGoBackTheReportStaysAtTwoInTheMorning() {
		// 2026-10-25 in Paris: 03:00 becomes 02:00, so from 02:00 summer time that night, 02:00 the next night is
		// 25 h away.
		assertThat(delayFrom("2026-10-25T02:00")).isEqualTo(Duration.ofHours(25));
	}

	private static Duration delayFrom(String localDateTime) {
		return NightlyReport.delayUntilNext(NightlyReport.AT,
				ZonedDateTime.of(LocalDateTime.parse(localDateTime), PARIS));
	}

}
