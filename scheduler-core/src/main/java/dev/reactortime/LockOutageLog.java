package dev.reactortime;

import java.lang.System.Logger.Level;

/**
 * What a reactor writes to the log when lock stores fail: one warning when the first attempt fails (without a stack:
 * an unreachable database is an expected event with a known cause), nothing for the runs skipped while it stays
 * down, and one line when a store answers again. A 1 s locked loop would otherwise write a line a second for as long
 * as the database is down. One outage per reactor, whichever locks fail: they share a store as a rule.
 */
final class LockOutageLog {

	private boolean down;

	private long failures;

	synchronized void failed(CallLock lock, Throwable error) {
		this.failures++;
		if (this.down) {
			return;
		}
		this.down = true;
		ReactorEngine.logger.log(Level.WARNING, "Lock '" + lock.name() + "' could not be taken or released: "
				+ describe(error) + "; runs that need a lock are skipped until its store answers again "
				+ "(logged once per outage)");
	}

	synchronized void answered(CallLock lock) {
		if (!this.down) {
			return;
		}
		this.down = false;
		long failures = this.failures;
		this.failures = 0;
		ReactorEngine.logger.log(Level.INFO, "Lock store answers again (lock '" + lock.name() + "') after " + failures
				+ " failed attempt" + ((failures == 1) ? "" : "s"));
	}

	synchronized boolean isDown() {
		return this.down;
	}

	/** The exception and its root cause, each as class and message. */
	static String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return error + ((root != error) ? " (caused by " + root + ")" : "");
	}

}
