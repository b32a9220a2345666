package dev.reactortime;

import java.lang.System.Logger.Level;

import org.jspecify.annotations.Nullable;

/**
 * What a loop that continues on error writes to the log: the first failure with its stack, then one line a minute
 * counting the failures since (with the last one's class and message), then one line when it recovers. A loop
 * polling a dead dependency every few milliseconds would otherwise write a stack trace every few milliseconds.
 *
 * <p>Minutes are on the reactor's clock, so {@link VirtualTimeReactor} moves them too. Not thread safe: a loop's
 * completions never overlap (the next call waits for the previous one), and each happens after the last.
 */
final class LoopFailureLog {

	static final long WINDOW_NANOS = 60_000_000_000L;

	private final String loop;

	/** Failures in a row so far; 0 while the loop succeeds. */
	private long failuresInARow;

	/** Failures not yet reported, and when the current window began. */
	private long unreported;

	private long windowStart;

	private @Nullable Throwable lastUnreported;

	LoopFailureLog(String loop) {
		this.loop = loop;
	}

	void failed(long now, Throwable error) {
		this.failuresInARow++;
		if (this.failuresInARow == 1) {
			this.windowStart = now;
			ReactorEngine.logger.log(Level.ERROR, this.loop + " failed; it continues (further failures are counted, "
					+ "one line a minute, until it recovers)", error);
			return;
		}
		this.unreported++;
		this.lastUnreported = error;
		if (now - this.windowStart >= WINDOW_NANOS) {
			reportUnreported();
			this.windowStart = now;
		}
	}

	void succeeded() {
		if (this.failuresInARow == 0) {
			return;
		}
		if (this.unreported > 0) {
			reportUnreported();
		}
		ReactorEngine.logger.log(Level.INFO, this.loop + " recovered after " + this.failuresInARow + " failure"
				+ ((this.failuresInARow == 1) ? "" : "s") + " in a row");
		this.failuresInARow = 0;
	}

	private void reportUnreported() {
		Throwable last = this.lastUnreported;
		ReactorEngine.logger.log(Level.WARNING, this.loop + " failed " + this.unreported + " more time"
				+ ((this.unreported == 1) ? "" : "s") + " (" + this.failuresInARow + " in a row); last: "
				+ ((last != null) ? last.toString() : "?"));
		this.unreported = 0;
		this.lastUnreported = null;
	}

}
