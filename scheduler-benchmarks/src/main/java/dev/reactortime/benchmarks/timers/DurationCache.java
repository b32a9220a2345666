package dev.reactortime.benchmarks.timers;

import java.time.Duration;

/**
 * Reuses {@link Duration} instances for recurring delays, as an application with configured timeouts does, so the
 * reactor's {@code Duration}-based API is not charged an allocation the peers' {@code long}-based APIs avoid.
 * Direct-mapped; a miss allocates. Safe to share between threads: a {@code Duration} is immutable, so a racy read
 * sees either {@code null} or a complete instance.
 */
final class DurationCache {

	private static final int SIZE = 1 << 13;

	private final @org.jspecify.annotations.Nullable Duration[] entries = new Duration[SIZE];

	Duration of(long nanos) {
		int index = (int) (nanos ^ (nanos >>> 17) ^ (nanos >>> 31)) & (SIZE - 1);
		Duration cached = this.entries[index];
		if (cached != null && cached.getSeconds() == nanos / 1_000_000_000L
				&& cached.getNano() == (int) (nanos % 1_000_000_000L)) {
			return cached;
		}
		Duration created = Duration.ofNanos(nanos);
		this.entries[index] = created;
		return created;
	}

}
