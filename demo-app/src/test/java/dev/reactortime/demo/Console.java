package dev.reactortime.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.reactortime.VirtualTimeReactor;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application prints as a test moves its virtual clock: each look returns the lines printed since the
 * previous one, so a test can say exactly at which instant each line appears.
 *
 * <p>In tests the log goes to standard error ({@code logback-test.xml}), so standard output holds only what the
 * examples print.
 */
final class Console {

	private final CapturedOutput output;

	private final VirtualTimeReactor reactor;

	private int seen;

	Console(CapturedOutput output, VirtualTimeReactor reactor) {
		this.output = output;
		this.reactor = reactor;
		// Everything before the test (the context's startup) is not the examples' doing.
		this.seen = output.getOut().length();
	}

	/**
	 * Moves the clock to {@code sinceStart} after the context started (the reactor's epoch) and returns what was
	 * printed on the way.
	 * @param sinceStart the time to move to, not before the current one
	 * @return the lines printed
	 */
	List<String> at(Duration sinceStart) {
		Duration now = Duration.between(Instant.EPOCH, this.reactor.now());
		this.reactor.advance(sinceStart.minus(now));
		assertThat(this.reactor.now()).isEqualTo(Instant.EPOCH.plus(sinceStart));
		return printed();
	}

	/**
	 * Lines printed since the last look.
	 * @return the lines
	 */
	List<String> printed() {
		String out = this.output.getOut();
		String fresh = out.substring(this.seen);
		this.seen = out.length();
		return fresh.lines().toList();
	}

	/**
	 * Everything printed since the test started.
	 * @return the output
	 */
	String all() {
		return this.output.getOut();
	}

}
