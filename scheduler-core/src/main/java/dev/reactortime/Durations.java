package dev.reactortime;

import java.time.Duration;
import java.util.Objects;

/**
 * Duration checks and saturating nanosecond arithmetic: a delay too large for a {@code long} of nanoseconds (or
 * for the 62 bits of {@link ScheduledCall}) is capped at "146 years from now", never wrapped into the past.
 */
final class Durations {

	private Durations() {
	}

	/**
	 * Checks a delay argument and converts it to nanoseconds, saturating.
	 * @param delay the delay
	 * @param argument the argument's name, for the message
	 * @return the delay in nanoseconds, at most {@link ScheduledCall#MAX_DUE}
	 */
	static long requireDelay(Duration delay, String argument) {
		Objects.requireNonNull(delay, () -> argument + " must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException(argument + " must not be negative but was " + delay);
		}
		return toNanosSaturated(delay);
	}

	static long toNanosSaturated(Duration duration) {
		// Duration.toNanos() throws beyond 292 years; cap at the heap's range (sign kept for delay(-d)).
		long seconds = duration.getSeconds();
		long maxSeconds = ScheduledCall.MAX_DUE / 1_000_000_000L;
		if (seconds >= maxSeconds) {
			return ScheduledCall.MAX_DUE;
		}
		if (seconds <= -maxSeconds) {
			return -ScheduledCall.MAX_DUE;
		}
		return duration.toNanos();
	}

	/**
	 * {@code base + delta}, kept within {@code [0, MAX_DUE]}.
	 */
	static long addClamped(long base, long delta) {
		long sum = base + delta;
		if (delta > 0 && (sum < base || sum > ScheduledCall.MAX_DUE)) {
			return ScheduledCall.MAX_DUE;
		}
		return Math.max(0, Math.min(sum, ScheduledCall.MAX_DUE));
	}

}
