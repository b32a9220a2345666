package dev.reactortime.autoconfigure;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CronSchedule}: its instants in a zone, and what it does on the two daylight-saving days.
 */
class CronScheduleTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void nextIsTheFirstLocalMatchStrictlyAfter() {
		CronSchedule nightly = CronSchedule.of("0 0 2 * * *", BERLIN);
		// 01:00 UTC in winter is 02:00 in Berlin: that one has come, the next is tomorrow's.
		assertThat(nightly.next(Instant.parse("2026-01-10T01:00:00Z"))).isEqualTo(Instant.parse("2026-01-11T01:00:00Z"));
		assertThat(nightly.next(Instant.parse("2026-07-10T00:30:00Z"))).isEqualTo(Instant.parse("2026-07-11T00:00:00Z"));
	}

	@Test
	void aTimeInTheSpringForwardGapRunsOnceAtTheEndOfTheGap() {
		// 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC); 02:30 does not exist.
		CronSchedule nightly = CronSchedule.of("0 30 2 * * *", BERLIN);
		Instant gapEnd = Instant.parse("2026-03-29T01:00:00Z");
		assertThat(nightly.next(Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(gapEnd);
		assertThat(nightly.next(gapEnd)).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
		// Every quarter of the missing hour: still one run at 03:00, then the next day's 02:00.
		CronSchedule quarterly = CronSchedule.of("0 */15 2 * * *", BERLIN);
		assertThat(quarterly.next(Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(gapEnd);
		assertThat(quarterly.next(gapEnd)).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
	}

	@Test
	void aTimeRepeatedByFallBackRunsOnceAtItsFirstOccurrence() {
		// 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:30 happens at 00:30 and at 01:30 UTC.
		CronSchedule nightly = CronSchedule.of("0 30 2 * * *", BERLIN);
		Instant first = Instant.parse("2026-10-25T00:30:00Z");
		assertThat(nightly.next(Instant.parse("2026-10-24T12:00:00Z"))).isEqualTo(first);
		assertThat(nightly.next(first)).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
		// Looked up from inside the repeated hour, after the first 02:30: not again.
		assertThat(nightly.next(Instant.parse("2026-10-25T01:15:00Z"))).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
	}

	@Test
	void describesItselfAndRejectsAMalformedExpression() {
		assertThat(CronSchedule.of("@daily", BERLIN)).hasToString("cron @daily Europe/Berlin");
		assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.of("0 0 2 * *", BERLIN))
			.withMessageContaining("6 fields");
	}

}
