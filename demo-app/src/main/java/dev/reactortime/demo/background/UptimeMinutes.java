package dev.reactortime.demo.background;

import java.time.Duration;

import dev.reactortime.CallOptions;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Counts the minutes the application has been up with a {@code withCount} loop (Twisted's
 * {@code LoopingCall.withCount}): the body receives how many minutes have passed since its last call, so the count
 * stays right even when the reactor thread was held up past a whole minute and a call was skipped.
 */
@Component
final class UptimeMinutes implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(UptimeMinutes.class);

	private final LoopingCall loop;

	// Only the loop touches it, and the loop always runs on the reactor thread.
	private long minutes;

	UptimeMinutes(Reactor reactor) {
		this.loop = reactor.loopingCallWithCount(CallOptions.named("uptime-minutes"), this::minutesPassed);
	}

	@Override
	public void run(ApplicationArguments args) {
		// now=false: the first call is one minute after startup, when one minute has passed.
		this.loop.start(Duration.ofMinutes(1), false);
	}

	private void minutesPassed(int count) {
		if (count > 1) {
			logger.warn("{} minutes passed since the last call: the reactor thread was held up", count);
		}
		this.minutes += count;
		logger.info("Up for {} minute{}", this.minutes, (this.minutes == 1) ? "" : "s");
	}

}
