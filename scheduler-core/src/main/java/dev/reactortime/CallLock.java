package dev.reactortime;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * A lock that a call takes before each run, so that of several reactors sharing the lock's store (several instances
 * of one application) one runs it and the others skip it: the service-provider interface behind
 * {@link CallOptions#withLock}. The core knows no lock library; an adapter (such as reactortime's ShedLock adapter)
 * implements this.
 *
 * <p><b>Threading.</b> Taking and releasing a lock is I/O, so the reactor never does either on its own thread: when a
 * locked call comes due, the reactor hands the attempt to {@link #executor()}, which calls {@link #tryLock()}. If the
 * lock is taken, the body runs where it would run without a lock (on the reactor thread, or on the call's executor)
 * inside {@link Lease#holding}, and the lease is then released on {@link #executor()} again. A loop waits for all of
 * it (attempt, body, release) before its next tick, as it waits for a body on an executor. A direct executor is for
 * {@link VirtualTimeReactor} only, where it makes locked calls run on the test's thread, in order.
 *
 * <p><b>Skipped runs.</b> A run whose lock is held elsewhere ({@code tryLock} returns {@code null}) or whose store
 * fails ({@code tryLock} throws) is skipped and reported to {@link ReactorListener#lockedOut}; the reactor logs a
 * failing store once per outage, not once per run, and tries again at the next run.
 *
 * <p><b>Loops.</b> A locked loop anchors its grid to the wall clock (the first grid point is the next multiple of its
 * interval since the epoch, the wall clock being read once at start and the reactor's monotonic clock used after), so
 * the loops of every instance come due at the same instants and one of them wins each tick.
 */
public interface CallLock {

	/**
	 * Name of the lock, shown by endpoints; calls that share a name exclude one another.
	 * @return the name
	 */
	String name();

	/**
	 * Where {@link #tryLock()} and {@link Lease#release()} run: never the reactor thread of a real-time reactor.
	 * @return the executor
	 */
	Executor executor();

	/**
	 * Tries to take the lock for one run, on {@link #executor()}.
	 * @return the lease if the lock was taken, {@code null} if it is held elsewhere
	 * @throws Exception if the lock's store failed (the run is skipped and counted as an error)
	 */
	@Nullable Lease tryLock() throws Exception;

	/**
	 * A lock taken for one run.
	 */
	interface Lease {

		/**
		 * Runs the body while the lease is held, on the body's thread: the place for an adapter to set up what the
		 * body may ask about its lock (ShedLock's {@code LockAssert}, say). Runs it as it is by default.
		 * @param <T> the body's result type
		 * @param body the body
		 * @return what the body returns
		 * @throws Exception what the body throws
		 */
		default <T> T holding(Callable<T> body) throws Exception {
			return body.call();
		}

		/**
		 * Releases the lock after the run, on {@link CallLock#executor()}. A lock that must stay held for some time
		 * after the run (ShedLock's {@code lockAtLeastFor}) stays held until then.
		 * @throws Exception if the store failed (logged with the outage; the lock then expires on its own)
		 */
		void release() throws Exception;

	}

}
