package dev.reactortime.autoconfigure.dashboard;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.reactortime.DelayedCall;
import dev.reactortime.ReactorListener;
import org.jspecify.annotations.Nullable;

/**
 * The lag of the calls that started most recently, for the dashboard's chart: a {@link ReactorListener} that keeps
 * the last {@value #CAPACITY} lags (the same numbers the {@code reactortime.call.lag} timer records) with the time
 * each was heard, and counts the watchdog's reports.
 *
 * <p>Why not the timer itself: Actuator's {@code metrics} endpoint merges a meter's series by adding their values, so
 * per-series percentile gauges (one per call name and kind) would be summed into nonsense, and it never shows
 * histogram buckets; publishing percentiles would also change what every registry of the application exports. This
 * window costs two array writes per call, and only when the dashboard is on.
 *
 * <p>Thread safety: {@link #started} may be called from any thread; slots are claimed with one atomic increment. A
 * reader racing a writer may see a slot's new time with its old lag (one sample off in a chart), never a torn value.
 */
public final class LagWindow implements ReactorListener {

	/** How many recent lags are kept (a power of two). */
	public static final int CAPACITY = 4096;

	private final AtomicLongArray lagNanos = new AtomicLongArray(CAPACITY);

	private final AtomicLongArray heardAt = new AtomicLongArray(CAPACITY);

	private final AtomicLong next = new AtomicLong();

	private final LongAdder blocked = new LongAdder();

	private final LongSupplier nanoClock;

	/** A window on {@link System#nanoTime()}. */
	public LagWindow() {
		this(System::nanoTime);
	}

	/**
	 * A window on the given clock (tests step it by hand).
	 * @param nanoClock monotonic nanoseconds
	 */
	LagWindow(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
	}

	@Override
	public void started(DelayedCall call, long lagNanos) {
		int slot = (int) (this.next.getAndIncrement() & (CAPACITY - 1));
		this.heardAt.set(slot, this.nanoClock.getAsLong());
		this.lagNanos.set(slot, Math.max(0, lagNanos));
	}

	@Override
	public void blocked(DelayedCall call, Duration blockedFor, StackTraceElement[] stackTrace) {
		this.blocked.increment();
	}

	/**
	 * The lags heard within {@code window} before now, summarised.
	 * @param window how far back to look
	 * @return the count, p50, p99 and max of those lags, and the watchdog's reports so far
	 */
	public Summary summary(Duration window) {
		long now = this.nanoClock.getAsLong();
		long windowNanos = window.toNanos();
		int filled = (int) Math.min(this.next.get(), CAPACITY);
		long[] lags = new long[filled];
		int count = 0;
		for (int slot = 0; slot < filled; slot++) {
			if (now - this.heardAt.get(slot) <= windowNanos) {
				lags[count++] = this.lagNanos.get(slot);
			}
		}
		Arrays.sort(lags, 0, count);
		return new Summary(window.toMillis(), count, percentile(lags, count, 0.50), percentile(lags, count, 0.99),
				(count > 0) ? millis(lags[count - 1]) : null, this.blocked.sum());
	}

	/** Nearest rank: the smallest sample with at least {@code p} of the samples at or below it. */
	private static @Nullable Double percentile(long[] sorted, int count, double p) {
		if (count == 0) {
			return null;
		}
		int rank = (int) Math.ceil(p * count);
		return millis(sorted[Math.max(rank, 1) - 1]);
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

	/**
	 * Lags of a window.
	 *
	 * @param windowMs how far back the window looks, in milliseconds
	 * @param count how many calls started within it
	 * @param p50Ms the median lag in milliseconds, or {@code null} when no call started
	 * @param p99Ms the 99th percentile in milliseconds, or {@code null}
	 * @param maxMs the largest lag in milliseconds, or {@code null}
	 * @param blocked how many times the watchdog found a call holding the reactor thread, since the start
	 */
	public record Summary(long windowMs, int count, @Nullable Double p50Ms, @Nullable Double p99Ms,
			@Nullable Double maxMs, long blocked) {

	}

}
