package dev.reactortime.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.reactortime.benchmarks.timers.TimerAdapter;
import dev.reactortime.benchmarks.timers.Timers;
import dev.reactortime.benchmarks.timers.Workload;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario D: fire lag at a steady arrival rate. The main thread schedules timers at 1k, 10k and 100k per second
 * (an open loop: arrivals follow the clock, not the timer), each with a delay drawn from 1 to 100 ms; each timer
 * records {@code start - deadline} into an HdrHistogram, the deadline being the {@code System.nanoTime()} read just
 * before scheduling plus the delay. A timer that starts before its deadline is an early fire and is counted apart.
 *
 * <p>Per rate: a warm-up, then the measured window ({@link RunMode}); the timers of a window are given 300 ms to
 * fire before its histogram is taken. Writes p50, p99, p99.9, max (microseconds) and the early count, and the
 * percentile distribution ({@code D-<impl>-<rate>.hgrm}) that the chart draws.
 *
 * <p>Usage: {@code LagHarness <impl> <quick|full> <results-dir>}; one fresh JVM per implementation.
 */
public final class LagHarness {

	private static final int[] RATES = { 1_000, 10_000, 100_000 };

	private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

	private LagHarness() {
	}

	public static void main(String[] args) throws IOException {
		String impl = args[0];
		RunMode mode = RunMode.parse(args[1]);
		Path dir = Path.of(args[2]);
		RawResults results = new RawResults(dir, "D", impl);
		System.out.println("D fire lag: " + impl + " on JDK " + Runtime.version() + ", " + mode);
		Recorder recorder = new Recorder(3);
		AtomicLong early = new AtomicLong();
		try (TimerAdapter timers = Timers.create(impl, () -> {
		}, 1, Workload.LAG)) {
			for (int rate : RATES) {
				run(timers, recorder, early, rate, mode.lagWarmupSeconds);
				recorder.reset();
				early.set(0);
				long cpuStart = ProcessCpu.nanos();
				long wallStart = System.nanoTime();
				long arrivals = run(timers, recorder, early, rate, mode.lagSeconds);
				// The whole JVM's CPU over the window, in cores (1.0: one core busy all the time): what the lag costs.
				double cores = (double) (ProcessCpu.nanos() - cpuStart) / (System.nanoTime() - wallStart);
				Histogram histogram = recorder.getIntervalHistogram();
				String prefix = "r" + FireThroughput.label(rate);
				results.put(prefix + "_p50_us", histogram.getValueAtPercentile(50) / 1e3);
				results.put(prefix + "_p99_us", histogram.getValueAtPercentile(99) / 1e3);
				results.put(prefix + "_p999_us", histogram.getValueAtPercentile(99.9) / 1e3);
				results.put(prefix + "_max_us", histogram.getMaxValue() / 1e3);
				results.put(prefix + "_early", early.get());
				results.put(prefix + "_cpu_cores", Math.round(cores * 1000) / 1000.0);
				System.out.printf("  %d/s: %d timers scheduled, %d fired on time or late, %d early%n", rate, arrivals,
						histogram.getTotalCount(), early.get());
				try (PrintStream out = new PrintStream(
						Files.newOutputStream(dir.resolve("D-" + impl + "-" + prefix + ".hgrm")))) {
					histogram.outputPercentileDistribution(out, 1e3);
				}
			}
		}
	}

	/**
	 * Schedules {@code rate} timers a second for {@code seconds}, then waits for them to fire.
	 * @return how many were scheduled
	 */
	private static long run(TimerAdapter timers, Recorder recorder, AtomicLong early, int rate, int seconds) {
		SplittableRandom random = new SplittableRandom(rate);
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		long next = start;
		long arrivals = 0;
		while (next < end) {
			long now = System.nanoTime();
			while (next <= now && next < end) {
				long delay = TimeUnit.MICROSECONDS.toNanos(1_000 + random.nextInt(99_001));
				long deadline = System.nanoTime() + delay;
				timers.submit(new LagProbe(deadline, recorder, early), delay);
				next += interval;
				arrivals++;
			}
			if (next > now) {
				LockSupport.parkNanos(next - now);
			}
		}
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100) + SETTLE_NANOS);
		return arrivals;
	}

	/** A timer that records how late it started. */
	private static final class LagProbe implements Runnable {

		private final long deadline;

		private final Recorder recorder;

		private final AtomicLong early;

		LagProbe(long deadline, Recorder recorder, AtomicLong early) {
			this.deadline = deadline;
			this.recorder = recorder;
			this.early = early;
		}

		@Override
		public void run() {
			long lag = System.nanoTime() - this.deadline;
			if (lag < 0) {
				this.early.incrementAndGet();
			}
			else {
				this.recorder.recordValue(lag);
			}
		}

	}

}
