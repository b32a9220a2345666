package dev.reactortime;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * How a locked run takes and gives back its {@link CallLock}: the attempt and the release both go to the lock's
 * executor, never the reactor thread, and a failing store is reported to the reactor's {@link LockOutageLog}.
 */
final class Locking {

	private Locking() {
	}

	/**
	 * What follows an attempt: exactly one method is called, on the lock's executor (or on the calling thread if the
	 * executor refused the attempt).
	 */
	interface Outcome {

		void acquired(CallLock.Lease lease);

		void refused(@Nullable Throwable error);

	}

	/**
	 * Hands an attempt to take {@code lock} to its executor.
	 */
	static void attempt(ReactorEngine engine, CallLock lock, Outcome outcome) {
		try {
			lock.executor().execute(() -> tryLock(engine, lock, outcome));
		}
		catch (RejectedExecutionException ex) {
			engine.lockOutages.failed(lock, ex);
			outcome.refused(ex);
		}
	}

	private static void tryLock(ReactorEngine engine, CallLock lock, Outcome outcome) {
		CallLock.Lease lease;
		try {
			lease = lock.tryLock();
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			engine.lockOutages.failed(lock, ex);
			outcome.refused(ex);
			return;
		}
		engine.lockOutages.answered(lock);
		if (lease != null) {
			outcome.acquired(lease);
		}
		else {
			outcome.refused(null);
		}
	}

	/**
	 * Releases {@code lease} on the lock's executor (here if it refuses), then runs {@code then} on that thread.
	 */
	static void release(ReactorEngine engine, CallLock lock, CallLock.Lease lease, @Nullable Runnable then) {
		Runnable release = () -> {
			try {
				lease.release();
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// The lock expires on its own (lockAtMostFor); the store's outage is what the log should say.
				engine.lockOutages.failed(lock, ex);
			}
			finally {
				if (then != null) {
					then.run();
				}
			}
		};
		try {
			lock.executor().execute(release);
		}
		catch (RejectedExecutionException ex) {
			release.run(); // shutting down: giving the lock back matters more than which thread does it
		}
	}

	/**
	 * Runs a plain task inside the lease.
	 */
	static void runHolding(CallLock.Lease lease, Runnable task) throws Exception {
		lease.holding(Executors.callable(task));
	}

}
