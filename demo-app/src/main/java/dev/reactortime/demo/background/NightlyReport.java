package dev.reactortime.demo.background;

import dev.reactortime.Reactor;
import dev.reactortime.annotation.Looping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A report at 02:00 local time every night: a cron loop.
 *
 * <p>The cron loop follows the wall clock in its zone ({@code demo.nightly-report.zone}, the system's by default), so
 * it stays on 02:00 across daylight-saving changes: the night the clocks go forward, 02:00 does not exist and the
 * report runs at 03:00, the end of the gap; the night they go back, 02:00 comes twice and the report runs once.
 */
@Component
final class NightlyReport {

	private static final Logger logger = LoggerFactory.getLogger(NightlyReport.class);

	private final Reactor reactor;

	NightlyReport(Reactor reactor) {
		this.reactor = reactor;
	}

	@Looping(cron = "0 0 2 * * *", zone = "${demo.nightly-report.zone:}", name = "nightly-report")
	void report() {
		logger.info("Nightly report: {} calls pending, {} loops", this.reactor.pendingCount(),
				this.reactor.getLoopingCalls().size());
	}

}
