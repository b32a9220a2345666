package dev.reactortime.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.reactortime.benchmarks.timers.TimerAdapter;
import dev.reactortime.benchmarks.timers.Timers;
import dev.reactortime.benchmarks.timers.Workload;

/**
 * Scenario E: heap retained per pending timer. Heap in use after a full GC is taken with the timer running and its
 * slot array allocated (baseline), after scheduling {@value #COUNT} no-op timers due in one to five hours (the shared
 * task is one object, so what is left is the timer's own cost, handle included), and after cancelling them all and
 * dropping the handles: at once and then every 100 ms for one second, until it is back within 5 % of the baseline.
 *
 * <p>Run with {@code -XX:+UseSerialGC}: its {@code System.gc()} compacts the whole heap, so "used" is exact.
 * Usage: {@code RetainedMemory <impl> <quick|full> <results-dir>}.
 */
public final class RetainedMemory {

	private static final int COUNT = 1_000_000;

	private static final int BATCH = 10_000;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private RetainedMemory() {
	}

	public static void main(String[] args) {
		String impl = args[0];
		RawResults results = new RawResults(Path.of(args[2]), "E", impl);
		System.out.println("E retained memory: " + impl + " on JDK " + Runtime.version());
		SplittableRandom random = new SplittableRandom(7);
		long[] delays = new long[COUNT];
		for (int i = 0; i < COUNT; i++) {
			delays[i] = TimeUnit.HOURS.toNanos(1) + random.nextLong(TimeUnit.HOURS.toNanos(4));
		}
		try (TimerAdapter timers = Timers.create(impl, RetainedMemory::noop, COUNT, Workload.PENDING_HOURS)) {
			// Warm the paths once, so lazily built structures are part of the baseline.
			inBatches(timers, 0, BATCH, (slot) -> timers.schedule(slot, delays[slot]));
			inBatches(timers, 0, BATCH, (slot) -> {
				timers.cancel(slot);
				timers.forget(slot);
			});
			long baseline = usedAfterGc();
			inBatches(timers, 0, COUNT, (slot) -> timers.schedule(slot, delays[slot]));
			long pending = usedAfterGc();
			inBatches(timers, 0, COUNT, (slot) -> {
				timers.cancel(slot);
				timers.forget(slot);
			});
			long cancelled = System.nanoTime();
			long after = usedAfterGc();
			long recoveredAfter = -1;
			while (true) {
				long waited = System.nanoTime() - cancelled;
				if (after - baseline <= baseline * 0.05) {
					recoveredAfter = waited;
					break;
				}
				if (waited >= TimeUnit.SECONDS.toNanos(1)) {
					break;
				}
				sleep(100);
				after = usedAfterGc();
			}
			System.out.printf("  baseline %,d B, with %,d pending %,d B, after cancelling %,d B%n", baseline, COUNT,
					pending, after);
			results.put("bytes_per_pending", (double) (pending - baseline) / COUNT);
			results.put("after_cancel_bytes_per_timer", (double) (after - baseline) / COUNT);
			results.put("after_cancel_pct_of_baseline", 100.0 * (after - baseline) / baseline);
			results.put("after_cancel_recovered_ms",
					(recoveredAfter < 0) ? -1 : Math.round(recoveredAfter / 1e6 * 10) / 10.0);
			// The delays (8 MB) are part of the baseline: once compiled, main() may treat them as dead after the
			// last schedule, and "pending" came out 8 B a timer too low in one run of two.
			Reference.reachabilityFence(delays);
		}
	}

	private static void inBatches(TimerAdapter timers, int from, int to, SlotAction action) {
		for (int start = from; start < to; start += BATCH) {
			int batchStart = start;
			int batchEnd = Math.min(to, start + BATCH);
			timers.runOnTimerThread(() -> {
				for (int slot = batchStart; slot < batchEnd; slot++) {
					action.apply(slot);
				}
			});
		}
		timers.runOnTimerThread(RetainedMemory::noop);
	}

	private static long usedAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void noop() {
	}

	@FunctionalInterface
	private interface SlotAction {

		void apply(int slot);

	}

}
