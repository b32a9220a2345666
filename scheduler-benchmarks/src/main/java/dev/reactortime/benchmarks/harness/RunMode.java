package dev.reactortime.benchmarks.harness;

import java.util.Locale;

/**
 * How long the harness mains run: {@code quick} keeps the whole comparison under ten minutes on two cores,
 * {@code full} is what the published table uses.
 */
public enum RunMode {

	/** Short warm-up and measurement, for a first look and CI-sized machines. */
	QUICK(1, 2, 1, 4, 2),

	/** Longer runs for the published table: 20 s of lag measurement per rate after a 5 s warm-up. */
	FULL(3, 5, 5, 20, 5);

	final int warmupRounds;

	final int measuredRounds;

	final int lagWarmupSeconds;

	final int lagSeconds;

	final int idleSeconds;

	RunMode(int warmupRounds, int measuredRounds, int lagWarmupSeconds, int lagSeconds, int idleSeconds) {
		this.warmupRounds = warmupRounds;
		this.measuredRounds = measuredRounds;
		this.lagWarmupSeconds = lagWarmupSeconds;
		this.lagSeconds = lagSeconds;
		this.idleSeconds = idleSeconds;
	}

	static RunMode parse(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
