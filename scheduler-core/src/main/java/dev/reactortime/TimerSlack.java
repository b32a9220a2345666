package dev.reactortime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Narrows the Linux timer slack of the calling thread: the kernel lets a timed sleep end up to the thread's slack
 * late (50 us by default) so that it can merge wake-ups, which is most of a parked reactor's lateness. A thread may
 * set its own slack without privileges, through {@code /proc/<tid>/timerslack_ns} (Linux 4.6 and later).
 *
 * <p>Best effort: elsewhere (another OS, an older kernel, no {@code /proc}) nothing changes and nothing is reported.
 * Only the reactor's own thread calls it, so no thread of the application is touched.
 */
final class TimerSlack {

	/** The slack the reactor thread asks for: 10 us. */
	static final long REACTOR_SLACK_NANOS = 10_000;

	private static final Path THREAD_SELF = Path.of("/proc/thread-self");

	private TimerSlack() {
	}

	/**
	 * Sets the calling thread's timer slack.
	 * @param nanos the slack, at least 1 (0 would mean "the process default" to the kernel)
	 * @return whether it was set
	 */
	static boolean set(long nanos) {
		try {
			// /proc/thread-self links to <pid>/task/<tid>; the slack file is under /proc/<tid>.
			String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
			Path slack = Path.of("/proc", tid, "timerslack_ns");
			Files.writeString(slack, Long.toString(Math.max(1, nanos)));
			return Files.readString(slack).trim().equals(Long.toString(Math.max(1, nanos)));
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
