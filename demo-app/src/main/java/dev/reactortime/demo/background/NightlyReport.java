package dev.reactortime.demo.background;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import dev.reactortime.CallOptions;
import dev.reactortime.Reactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * A report at 02:00 local time every night: a {@code callLater} that schedules the next one when it runs.
 *
 * <p>A fixed 24 h loop would drift off 02:00 across a daylight-saving change; computing each delay from the wall
 * clock keeps it on 02:00, while the reactor's own monotonic clock makes sure a wall-clock jump does not move the
 * call already pending.
 */
@Component
final class NightlyReport implements ApplicationRunner {

	static final LocalTime AT = LocalTime.of(2, 0);

	private static final Logger logger = LoggerFactory.getLogger(NightlyReport.class);

	private static final CallOptions OPTIONS = CallOptions.named("nightly-report");

	private final Reactor reactor;

	NightlyReport(Reactor reactor) {
		this.reactor = reactor;
	}

	@Override
	public void run(ApplicationArguments args) {
		scheduleNext();
	}

	private void scheduleNext() {
		this.reactor.callLater(OPTIONS, delayUntilNext(AT, ZonedDateTime.now()), this::report);
	}

	private void report() {
		logger.info("Nightly report: {} calls pending, {} loops", this.reactor.pendingCount(),
				this.reactor.getLoopingCalls().size());
		scheduleNext();
	}

	/**
	 * How long from {@code now} until the next {@code at}, later today or tomorrow (never zero, so a report that
	 * runs a little early does not run twice).
	 * @param at the local time of day
	 * @param now the current wall-clock time
	 * @return the delay, positive
	 */
	static Duration delayUntilNext(LocalTime at, ZonedDateTime now) {
		ZonedDateTime next = now.with(at);
		if (!next.isAfter(now)) {
			next = now.plusDays(1).with(at);
		}
		return Duration.between(now, next);
	}

}
