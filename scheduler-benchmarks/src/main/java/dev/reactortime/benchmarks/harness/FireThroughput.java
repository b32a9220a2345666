package dev.reactortime.benchmarks.harness;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.reactortime.benchmarks.timers.TimerAdapter;
import dev.reactortime.benchmarks.timers.TimerAdapter.Threading;
import dev.reactortime.benchmarks.timers.Timers;
import dev.reactortime.benchmarks.timers.Workload;

/**
 * Scenario C: schedule N no-op timers (10k, 100k, 1M) from the main thread, either all due at one instant (burst) or
 * spread evenly over one second in a scrambled order (spread), and wait for the last to fire.
 *
 * <p>Figures: burst fires per second, {@code N / (last fire - deadline)}; CPU ns per fire, the whole JVM's CPU time from
 * the first schedule to the last fire over N (scheduling, hand-over and firing; the main thread sleeps meanwhile);
 * spread: how late the last timer fired. Each figure is the median of the measured rounds, after warm-up rounds
 * (the mode's count, or more for small sizes: at least 200,000 fires, at most 20 rounds).
 * The deadline is set far enough ahead that scheduling is over before it (a round that overruns is repeated with
 * twice the time scheduling took as the lead).
 *
 * <p>Usage: {@code FireThroughput <impl> <quick|full> <results-dir>}.
 */
public final class FireThroughput {

	private static final int[] SIZES = { 10_000, 100_000, 1_000_000 };

	private static final int AGRONA_BURST_LIMIT = 100_000;

	/** Fires before the measured rounds of a size, at least (see {@link #measure}). */
	private static final long WARMUP_FIRES = 200_000;

	/** Bounds the warm-up of the smallest sizes. */
	private static final long WARMUP_ROUNDS_LIMIT = 20;

	private static final long SPREAD_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** Coprime with every size, so {@code i * SCRAMBLE mod N} visits each spread position once, out of order. */
	private static final long SCRAMBLE = 7919;

	private FireThroughput() {
	}

	public static void main(String[] args) throws Exception {
		String impl = args[0];
		RunMode mode = RunMode.parse(args[1]);
		RawResults results = new RawResults(Path.of(args[2]), "C", impl);
		System.out.println("C fire throughput: " + impl + " on JDK " + Runtime.version() + ", " + mode);
		for (Workload shape : new Workload[] { Workload.BURST, Workload.SPREAD_1S }) {
			for (int size : SIZES) {
				measure(impl, shape, size, mode, results);
			}
		}
	}

	private static void measure(String impl, Workload shape, int size, RunMode mode, RawResults results) {
		if (impl.equals(Timers.AGRONA) && shape == Workload.BURST && size > AGRONA_BURST_LIMIT) {
			// Agrona scans a tick's slot for a free entry on every schedule: n timers at one deadline cost O(n^2)
			// (100k take a second, 1M over two minutes), so the largest burst is left out.
			System.out.println("  agrona: burst of " + size + " left out (quadratic within one tick)");
			return;
		}
		Counter counter = new Counter();
		try (TimerAdapter timers = Timers.create(impl, counter, size, shape)) {
			counter.atomic = timers.threading() == Threading.POOL;
			long lead = TimeUnit.MILLISECONDS.toNanos(20) + size * 1_000L;
			// Warm up on at least WARMUP_FIRES fires, not a fixed number of rounds: three rounds of 10k are 30k fires,
			// fewer than the JIT needs to compile every implementation's fire path, so the 10k figures measured the
			// interpreter and C1 rather than the steady state the larger sizes measure.
			int warmupRounds = Math.max(mode.warmupRounds, (int) Math.min(WARMUP_ROUNDS_LIMIT, WARMUP_FIRES / size));
			int rounds = warmupRounds + mode.measuredRounds;
			double[] firesPerSecond = new double[mode.measuredRounds];
			double[] cpuPerFire = new double[mode.measuredRounds];
			double[] lastLagMicros = new double[mode.measuredRounds];
			for (int round = 0; round < rounds;) {
				Round result = runRound(timers, counter, shape, size, lead);
				if (result.scheduleNanos > lead) {
					System.out.printf("  scheduling %d took %.1f ms, past the %.1f ms lead: round repeated%n", size,
							result.scheduleNanos / 1e6, lead / 1e6);
					lead = 2 * result.scheduleNanos + 10_000_000L;
					continue;
				}
				lead = Math.max(TimeUnit.MILLISECONDS.toNanos(20), 2 * result.scheduleNanos + 10_000_000L);
				int measured = round - warmupRounds;
				if (measured >= 0) {
					firesPerSecond[measured] = size * 1e9 / Math.max(1, result.lastFire - result.firstDeadline);
					cpuPerFire[measured] = (double) result.cpuNanos / size;
					lastLagMicros[measured] = (result.lastFire - result.lastDeadline) / 1e3;
				}
				round++;
			}
			String prefix = (shape == Workload.BURST ? "burst_" : "spread_") + label(size);
			if (shape == Workload.BURST) {
				results.put(prefix + "_fires_per_s", median(firesPerSecond));
			}
			else {
				results.put(prefix + "_last_lag_us", median(lastLagMicros));
			}
			results.put(prefix + "_cpu_ns_per_fire", median(cpuPerFire));
		}
	}

	private static Round runRound(TimerAdapter timers, Counter counter, Workload shape, int size, long lead) {
		CountDownLatch done = counter.arm(size);
		long start = System.nanoTime();
		long cpuStart = ProcessCpu.nanos();
		long firstDeadline = start + lead;
		long step = SPREAD_NANOS / size;
		Runnable scheduleAll = () -> {
			long now = System.nanoTime();
			boolean callerTime = timers.threading() == Threading.CALLER;
			for (int i = 0; i < size; i++) {
				// The clock is read for each timer: a timer that reads its own clock when it schedules must be given
				// the delay from that moment, or "due at one instant" becomes a sawtooth (read once per 64 timers, the
				// due times of a 1M burst spread over about 12 us in 64 interleaved runs, and a timer that fires in
				// exact due order visited memory out of order; one that rounds to ticks did not notice).
				if (!callerTime) {
					now = System.nanoTime();
				}
				long deadline = (shape == Workload.BURST) ? firstDeadline : firstDeadline + (i * SCRAMBLE % size) * step;
				timers.schedule(i, Math.max(0, deadline - now));
			}
		};
		if (timers.threading() == Threading.CALLER) {
			timers.runOnTimerThread(scheduleAll);
		}
		else {
			scheduleAll.run();
		}
		long scheduled = System.nanoTime();
		if (timers.threading() == Threading.CALLER) {
			while (done.getCount() > 0) {
				if (timers.poll() == 0) {
					LockSupport.parkNanos(50_000);
				}
			}
		}
		else {
			await(done, size);
		}
		long cpu = ProcessCpu.nanos() - cpuStart;
		long lastDeadline = (shape == Workload.BURST) ? firstDeadline : firstDeadline + (size - 1) * step;
		return new Round(scheduled - start, firstDeadline, lastDeadline, counter.lastFire, cpu);
	}

	private static void await(CountDownLatch done, int size) {
		try {
			if (!done.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timers did not all fire within 120 s (" + size + ")");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String label(int count) {
		return (count >= 1_000_000) ? (count / 1_000_000) + "m" : (count / 1_000) + "k";
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	private record Round(long scheduleNanos, long firstDeadline, long lastDeadline, long lastFire, long cpuNanos) {
	}

	/**
	 * The shared no-op task, counting: a plain counter when one thread fires everything (the count is handed over
	 * by the scheduling that follows {@link #arm}), an atomic one for a pool.
	 */
	static final class Counter implements Runnable {

		boolean atomic;

		private final AtomicLong atomicFires = new AtomicLong();

		private long fires;

		private long target;

		private CountDownLatch done = new CountDownLatch(0);

		volatile long lastFire;

		CountDownLatch arm(long target) {
			this.fires = 0;
			this.atomicFires.set(0);
			this.target = target;
			this.done = new CountDownLatch(1);
			return this.done;
		}

		@Override
		public void run() {
			long count = this.atomic ? this.atomicFires.incrementAndGet() : ++this.fires;
			if (count == this.target) {
				this.lastFire = System.nanoTime();
				this.done.countDown();
			}
		}

	}

}
