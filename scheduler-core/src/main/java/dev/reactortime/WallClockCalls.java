package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The calls of a reactor that are due at a wall-clock instant ({@link Reactor#callAt}, loops on a
 * {@link Schedule}), and the watch on the wall clock that moves them.
 *
 * <p>A wall-clock call is an ordinary call on the monotonic clock, due at {@code now + (at − wallNow)}; this class
 * remembers its instant. The owner compares how far each clock has moved since the last reading ({@link #check}):
 * when they differ by more than {@link #JUMP_TOLERANCE_NANOS} (an NTP step, a resumed VM, a test's
 * {@code jumpWallClock}), every pending wall-clock call is moved to its instant on the new wall clock. Calls
 * scheduled with {@code callLater} are not here and never move.
 *
 * <p>Entries of calls that have run or been cancelled are dropped lazily: when the owner is about to sleep long
 * ({@link #prune}) and when the map has doubled since the last prune, so it stays within twice the live calls.
 */
final class WallClockCalls {

	/**
	 * Drift between the clocks below which nothing moves: the system clock is slewed by NTP (at most 500 ppm), and
	 * reading two clocks one after the other is not atomic; a step of this size or more is a jump.
	 */
	static final long JUMP_TOLERANCE_NANOS = 10_000_000L;

	/** Longest sleep of the real-time reactor while wall-clock calls are pending: a jump is noticed within it. */
	static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

	private final Map<ScheduledCall, Instant> calls = new ConcurrentHashMap<>();

	/** Both clocks as last read together: the reference a jump is measured against. */
	private volatile @Nullable Reading reading;

	private volatile int sizeAfterPrune;

	private record Reading(Instant wall, long clock) {
	}

	/** Nanoseconds from {@code wall} until {@code at}, 0 if it has passed, saturated far in the future. */
	static long nanosUntil(Instant wall, Instant at) {
		if (!at.isAfter(wall)) {
			return 0;
		}
		return Durations.toNanosSaturated(Duration.between(wall, at));
	}

	void noteFirstReading(ReactorEngine engine) {
		if (this.reading == null) {
			synchronized (this) {
				if (this.reading == null) {
					this.reading = new Reading(engine.wallClock(), engine.clock());
				}
			}
		}
	}

	void add(ScheduledCall call, Instant at) {
		this.calls.put(call, at);
		if (this.calls.size() > 2 * this.sizeAfterPrune + 64) {
			prune();
		}
	}

	/**
	 * Drops the entries of calls no longer pending.
	 * @return whether pending wall-clock calls remain
	 */
	boolean prune() {
		if (this.calls.isEmpty()) {
			return false;
		}
		this.calls.keySet().removeIf((call) -> !call.isPending());
		this.sizeAfterPrune = this.calls.size();
		return !this.calls.isEmpty();
	}

	/**
	 * Moves every pending wall-clock call if the wall clock has jumped since the last reading (owner only).
	 */
	void check(ReactorEngine engine, boolean force) {
		Reading last = this.reading;
		if (last == null || (this.calls.isEmpty() && !force)) {
			return;
		}
		Instant wall = engine.wallClock();
		long clock = engine.clock();
		long jump = Durations.toNanosSaturated(Duration.between(last.wall(), wall)) - (clock - last.clock());
		if (!force && Math.abs(jump) < JUMP_TOLERANCE_NANOS) {
			return;
		}
		this.reading = new Reading(wall, clock);
		this.calls.entrySet().removeIf((entry) -> {
			ScheduledCall call = entry.getKey();
			return !call.moveTo(Durations.addClamped(clock, nanosUntil(wall, entry.getValue())));
		});
		this.sizeAfterPrune = this.calls.size();
	}

}
