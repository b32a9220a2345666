package dev.reactortime.benchmarks.timers;

import java.time.Duration;

/**
 * Reuses {@link Duration} instances for recurring delays, as an application with configured timeouts does, so the
 * reactor's {@code Duration}-based API is not charged an allocation the peers' {@code long}-based APIs avoid.
 * Four-way set associative with the keys beside the values (a lookup reads no {@code Duration}): the 4,096 delays
 * of scenarios A and B all stay cached (the direct-mapped cache before it missed on about a third of the lookups,
 * which charged the reactor 9 bytes and an allocation per operation). A miss allocates. Safe to share between threads:
 * a hit is checked against the {@code Duration} itself, which is immutable, so a racy read returns the right delay
 * or misses.
 */
final class DurationCache {

	private static final int WAYS = 4;

	private static final int SIZE = 1 << 14;

	private final long[] keys = new long[SIZE];

	private final @org.jspecify.annotations.Nullable Duration[] values = new Duration[SIZE];

	private int victim;

	Duration of(long nanos) {
		int set = (int) ((nanos ^ (nanos >>> 17) ^ (nanos >>> 31)) * 0x9E3779B1L >>> 8) & (SIZE - WAYS);
		for (int i = set; i < set + WAYS; i++) {
			Duration cached = this.values[i];
			// The key filters; the value's own check keeps a racy read (key and value written by another thread in
			// between) from returning another delay.
			if (this.keys[i] == nanos && cached != null && cached.getSeconds() == nanos / 1_000_000_000L
					&& cached.getNano() == (int) (nanos % 1_000_000_000L)) {
				return cached;
			}
		}
		Duration created = Duration.ofNanos(nanos);
		int at = set + (this.victim++ & (WAYS - 1));
		this.keys[at] = nanos;
		this.values[at] = created;
		return created;
	}

}
