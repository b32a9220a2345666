package dev.reactortime.benchmarks.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.reactortime.benchmarks.timers.TimerAdapter;
import dev.reactortime.benchmarks.timers.Timers;
import dev.reactortime.benchmarks.timers.Workload;

/**
 * Scenario F: wake-ups per second while idle. With 1,000 timers pending an hour or more out and nothing due, counts
 * the context switches (voluntary + involuntary, from {@code /proc/self/task/<tid>/status}) of the threads the
 * implementation started: those that appeared after it was created, less the JVM's own (compiler, GC). Each
 * thread's count is printed, so a watchdog or helper thread shows by name.
 *
 * <p>Usage: {@code IdleWakeups <impl> <quick|full> <results-dir>}; Linux only.
 */
public final class IdleWakeups {

	private static final Path TASKS = Path.of("/proc/self/task");

	private static final List<String> JVM_THREADS = List.of("C1 ", "C2 ", "GC ", "G1 ", "VM ", "JFR", "Attach",
			"Common-Cleaner", "Sweeper", "Service Thread", "Signal Dispatch", "Notification");

	private static final int PENDING = 1_000;

	private IdleWakeups() {
	}

	public static void main(String[] args) throws IOException {
		String impl = args[0];
		RunMode mode = RunMode.parse(args[1]);
		RawResults results = new RawResults(Path.of(args[2]), "F", impl);
		System.out.println("F idle wake-ups: " + impl + " on JDK " + Runtime.version() + ", " + mode);
		Map<String, String> before = threadNames();
		SplittableRandom random = new SplittableRandom(3);
		try (TimerAdapter timers = Timers.create(impl, () -> {
		}, PENDING, Workload.PENDING_HOURS)) {
			timers.runOnTimerThread(() -> {
				for (int slot = 0; slot < PENDING; slot++) {
					timers.schedule(slot, TimeUnit.HOURS.toNanos(1) + random.nextLong(TimeUnit.HOURS.toNanos(4)));
				}
			});
			sleep(500);
			Map<String, String> threads = threadNames();
			threads.keySet().removeAll(before.keySet());
			threads.values().removeIf((name) -> JVM_THREADS.stream().anyMatch(name::startsWith));
			Map<String, Long> start = switches(threads);
			long started = System.nanoTime();
			sleep(TimeUnit.SECONDS.toMillis(mode.idleSeconds));
			Map<String, Long> end = switches(threads);
			double seconds = (System.nanoTime() - started) / 1e9;
			long total = 0;
			for (Map.Entry<String, String> thread : threads.entrySet()) {
				Long first = start.get(thread.getKey());
				Long last = end.get(thread.getKey());
				long delta = (first == null || last == null) ? 0 : last - first;
				total += delta;
				System.out.printf("  thread %s (%s): %.1f wake-ups/s%n", thread.getValue(), thread.getKey(),
						delta / seconds);
			}
			if (threads.isEmpty()) {
				System.out.println("  no thread of its own");
			}
			results.put("wakeups_per_s", Math.round(total / seconds * 10) / 10.0);
		}
	}

	private static Map<String, String> threadNames() throws IOException {
		Map<String, String> names = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
			for (Path task : tasks) {
				try {
					names.put(task.getFileName().toString(), Files.readString(task.resolve("comm")).trim());
				}
				catch (IOException ex) {
					// ended meanwhile
				}
			}
		}
		return names;
	}

	private static Map<String, Long> switches(Map<String, String> threads) {
		Map<String, Long> counts = new HashMap<>();
		for (String tid : threads.keySet()) {
			try {
				long count = 0;
				for (String line : Files.readAllLines(TASKS.resolve(tid).resolve("status"))) {
					if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
						count += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
					}
				}
				counts.put(tid, count);
			}
			catch (IOException ex) {
				// ended meanwhile
			}
		}
		return counts;
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

}
