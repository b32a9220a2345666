package dev.reactortime.readme;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.CronSchedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's calendar-time examples, run: {@code callAt} across a wall-clock jump, a cron loop in code, pause and
 * run-now.
 */
class CalendarTimeTests {

	@Test
	void calendarTime() {
		List<String> log = new ArrayList<>();
		// tag::calendar-time[]
		VirtualTimeReactor reactor = new VirtualTimeReactor(Instant.parse("2026-03-28T12:00:00Z"));

		// Due when the wall clock says so: an NTP step or a resumed VM moves it; callLater never moves.
		DelayedCall backup = reactor.callAt(Instant.parse("2026-03-28T13:00:00Z"), () -> log.add("backup"));
		reactor.callLater(Duration.ofHours(1), () -> log.add("an hour of uptime"));
		reactor.jumpWallClock(Duration.ofMinutes(30));     // the wall clock steps 30 min ahead
		reactor.advance(Duration.ofMinutes(30));           // wall 13:00: the backup runs, the hour is not up

		// A loop on any Schedule: here Spring's cron, 02:30 in Berlin, daylight saving included.
		LoopingCall nightly = reactor.loopingCall("nightly", () -> log.add("nightly at " + reactor.wallClock()));
		nightly.start(CronSchedule.of("0 30 2 * * *", ZoneId.of("Europe/Berlin")));
		reactor.advance(Duration.ofDays(1));               // 29 March: 02:30 does not exist, it runs at 03:00

		nightly.pause();                                   // ticks are skipped and counted, the grid is kept
		reactor.advance(Duration.ofDays(1));
		nightly.resume();
		nightly.runNow();                                  // one extra run now; the grid is unchanged
		reactor.advance(Duration.ZERO);
		// end::calendar-time[]
		assertThat(backup.active()).isFalse();
		assertThat(log).containsExactly("backup", "an hour of uptime", "nightly at 2026-03-29T01:00:00Z",
				"nightly at 2026-03-30T13:00:00Z");
		assertThat(nightly.stats().skipped()).isEqualTo(1);
		reactor.close();
	}

}
