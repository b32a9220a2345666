package dev.reactortime.demo.background;

import dev.reactortime.annotation.Looping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A heartbeat every 5 s, for as long as the application runs: a {@code @Looping} method that never stops.
 */
@Component
final class Heartbeat {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	// Only the loop touches it, and the loop always runs on the reactor thread.
	private long beats;

	// At debug level: a line every 5 s would bury the seed's output; the loopingcalls endpoint shows the count.
	@Looping(interval = "5s", name = "heartbeat")
	void beat() {
		logger.debug("Heartbeat #{}", ++this.beats);
	}

}
