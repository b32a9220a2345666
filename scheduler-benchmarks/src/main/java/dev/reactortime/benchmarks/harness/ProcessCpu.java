package dev.reactortime.benchmarks.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the whole JVM (every thread: timer, caller, GC, JIT), in nanoseconds. On Linux it sums the
 * scheduler's per-thread run time ({@code /proc/self/task/<tid>/schedstat}, nanosecond resolution);
 * {@code OperatingSystemMXBean.getProcessCpuTime()} counts in 10 ms clock ticks there, too coarse for 10,000 fires.
 * A thread that ended in between is missed, which no scenario here does.
 */
final class ProcessCpu {

	private static final Path TASKS = Path.of("/proc/self/task");

	private ProcessCpu() {
	}

	static long nanos() {
		if (Files.isDirectory(TASKS)) {
			long total = 0;
			try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
				for (Path task : tasks) {
					total += schedstatRunNanos(task);
				}
				return total;
			}
			catch (IOException ex) {
				// fall through to the coarse figure
			}
		}
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long schedstatRunNanos(Path task) {
		try {
			String line = Files.readString(task.resolve("schedstat"));
			int space = line.indexOf(' ');
			return Long.parseLong((space < 0) ? line.trim() : line.substring(0, space));
		}
		catch (IOException | RuntimeException ex) {
			return 0; // the thread ended while we looked
		}
	}

}
