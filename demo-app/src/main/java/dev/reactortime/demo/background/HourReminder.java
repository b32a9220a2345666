package dev.reactortime.demo.background;

import dev.reactortime.annotation.CallLater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A far-off call: one hour after startup, once. Until then the {@code delayedcalls} endpoint lists it (and a
 * {@code DELETE} there cancels it).
 */
@Component
final class HourReminder {

	private static final Logger logger = LoggerFactory.getLogger(HourReminder.class);

	@CallLater(delay = "1h", name = "hour-reminder")
	void remind() {
		logger.info("The demo has been up for an hour");
	}

}
