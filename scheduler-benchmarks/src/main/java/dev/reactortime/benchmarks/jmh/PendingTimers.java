package dev.reactortime.benchmarks.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.reactortime.benchmarks.timers.TimerAdapter;
import dev.reactortime.benchmarks.timers.Timers;
import dev.reactortime.benchmarks.timers.Workload;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A timer holding {@value #PENDING} timers due in one to five hours, and a cursor over them: each operation works on
 * the next pending timer, so the set stays a million strong and every cancel touches a cold timer, as a server's
 * request timeouts do. Subclasses name the implementation ({@code @Param}).
 */
public abstract class PendingTimers {

	/** Timers pending while the operations run. */
	public static final int PENDING = 1_000_000;

	/** Operations per in-loop batch: enough that the hand-off to the timer thread costs under 1 ns an operation. */
	public static final int BATCH = 10_000;

	static final Runnable NOOP = () -> {
	};

	private static final int DELAY_COUNT = 4096;

	private static final long[] DELAYS = delays();

	TimerAdapter timers;

	private int cursor;

	abstract String implementation();

	@Setup(Level.Trial)
	public void fill() {
		this.timers = Timers.create(implementation(), NOOP, PENDING, Workload.PENDING_HOURS);
		for (int start = 0; start < PENDING; start += BATCH) {
			int from = start;
			this.timers.runOnTimerThread(() -> {
				for (int slot = from; slot < from + BATCH; slot++) {
					this.timers.schedule(slot, delay(slot));
				}
			});
		}
	}

	/**
	 * Lets the timer thread catch up with the operations of the iteration, so a backlog of cross-thread work never
	 * carries into the next one.
	 */
	@TearDown(Level.Iteration)
	public void drain() {
		this.timers.runOnTimerThread(NOOP);
	}

	@TearDown(Level.Trial)
	public void close() {
		this.timers.close();
	}

	/**
	 * Next slot of the ring.
	 * @return the slot
	 */
	final int next() {
		int slot = this.cursor + 1;
		if (slot == PENDING) {
			slot = 0;
		}
		this.cursor = slot;
		return slot;
	}

	static long delay(int slot) {
		return DELAYS[slot & (DELAY_COUNT - 1)];
	}

	private static long[] delays() {
		SplittableRandom random = new SplittableRandom(42);
		long[] delays = new long[DELAY_COUNT];
		for (int i = 0; i < delays.length; i++) {
			delays[i] = TimeUnit.HOURS.toNanos(1) + random.nextLong(TimeUnit.HOURS.toNanos(4));
		}
		return delays;
	}

}
