package dev.reactortime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a thread's voluntary context switches from Linux's {@code /proc}: how often it went to sleep, so a test can
 * see that an idle thread stays asleep.
 */
final class ProcStatus {

	private ProcStatus() {
	}

	/**
	 * @return the count, or -1 where {@code /proc} cannot tell (another OS)
	 */
	static long voluntaryContextSwitches(Thread thread) {
		long tid = nativeId(thread);
		if (tid < 0) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/task/" + tid + "/status"))) {
				if (line.startsWith("voluntary_ctxt_switches:")) {
					return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		return -1;
	}

	private static long nativeId(Thread thread) {
		// Java 17 has no public native thread id; find the task whose comm is the thread's (truncated) name.
		String comm = thread.getName().length() > 15 ? thread.getName().substring(0, 15) : thread.getName();
		try (var tasks = Files.list(Path.of("/proc/self/task"))) {
			return tasks.filter((task) -> {
				try {
					return Files.readString(task.resolve("comm")).trim().equals(comm);
				}
				catch (IOException ex) {
					return false;
				}
			}).mapToLong((task) -> Long.parseLong(task.getFileName().toString())).findFirst().orElse(-1);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
