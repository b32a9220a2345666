package dev.reactortime;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a real-time reactor: {@code Reactor.builder().threadName("timer").build()}.
 */
public final class ReactorBuilder {

	String threadName = "reactortime";

	boolean daemon;

	Duration watchdogThreshold = Duration.ofMillis(500);

	ShutdownMode shutdownMode = ShutdownMode.CANCEL;

	Duration gracePeriod = Duration.ofSeconds(5);

	Duration spin = Duration.ZERO;

	Ticker ticker = Ticker.SYSTEM;

	ReactorBuilder() {
	}

	/**
	 * Name of the reactor thread (default {@code reactortime}).
	 * @param threadName the name
	 * @return this builder
	 */
	public ReactorBuilder threadName(String threadName) {
		Objects.requireNonNull(threadName, "threadName must not be null");
		if (threadName.isBlank()) {
			throw new IllegalArgumentException("threadName must not be blank");
		}
		this.threadName = threadName;
		return this;
	}

	/**
	 * Whether the reactor thread is a daemon thread (default {@code false}: like Twisted's {@code reactor.run()},
	 * a running reactor keeps the JVM alive until it is closed).
	 * @param daemon whether the thread is a daemon
	 * @return this builder
	 */
	public ReactorBuilder daemon(boolean daemon) {
		this.daemon = daemon;
		return this;
	}

	/**
	 * How long a call may hold the reactor thread before the watchdog reports it (default 500 ms);
	 * {@link Duration#ZERO} turns the watchdog off.
	 * @param threshold the threshold, not negative
	 * @return this builder
	 */
	public ReactorBuilder watchdogThreshold(Duration threshold) {
		this.watchdogThreshold = requireNotNegative(threshold, "watchdogThreshold");
		return this;
	}

	/**
	 * What {@link Reactor#close()} does with pending calls (default {@link ShutdownMode#CANCEL}).
	 * @param mode the mode
	 * @return this builder
	 */
	public ReactorBuilder shutdownMode(ShutdownMode mode) {
		this.shutdownMode = Objects.requireNonNull(mode, "shutdownMode must not be null");
		return this;
	}

	/**
	 * In {@link ShutdownMode#DRAIN}, how far ahead of the close calls still run (default 5 s).
	 * @param gracePeriod the grace period, not negative
	 * @return this builder
	 */
	public ReactorBuilder gracePeriod(Duration gracePeriod) {
		this.gracePeriod = requireNotNegative(gracePeriod, "gracePeriod");
		return this;
	}

	/**
	 * Precise mode: the reactor thread parks until {@code spin} before a call is due, then spins to its due
	 * time. Parking alone wakes tens of microseconds late (the OS timer slack); spinning brings that to a few
	 * microseconds at the cost of up to {@code spin} of CPU per wake-up. Default {@link Duration#ZERO} (off).
	 * @param spin how long before a deadline to stop parking, not negative, at most one second
	 * @return this builder
	 */
	public ReactorBuilder spin(Duration spin) {
		requireNotNegative(spin, "spin");
		if (spin.compareTo(Duration.ofSeconds(1)) > 0) {
			throw new IllegalArgumentException("spin must be at most 1s but was " + spin);
		}
		this.spin = spin;
		return this;
	}

	/**
	 * The clock (package-private: tests drive the real reactor with a hand-moved ticker).
	 * @param ticker the ticker
	 * @return this builder
	 */
	ReactorBuilder ticker(Ticker ticker) {
		this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
		return this;
	}

	/**
	 * Builds the reactor, not yet started.
	 * @return the reactor
	 */
	public Reactor build() {
		return new EventLoopReactor(this);
	}

	static Duration requireNotNegative(Duration value, String argument) {
		Objects.requireNonNull(value, () -> argument + " must not be null");
		if (value.isNegative()) {
			throw new IllegalArgumentException(argument + " must not be negative but was " + value);
		}
		return value;
	}

}
