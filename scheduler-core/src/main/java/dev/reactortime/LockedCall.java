package dev.reactortime;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * The task of a {@code callLater} or {@code deferLater} whose options carry a {@link CallLock}: when the call comes
 * due, the lock is taken on the lock's executor; then the task runs where it would run without a lock (the reactor
 * thread or the call's executor) and the lock is released on the lock's executor again. If the lock is held elsewhere
 * or cannot be taken, the task does not run: listeners hear {@link ReactorListener#lockedOut}, and the future of a
 * {@code deferLater} is cancelled (with a {@link CancellationException} that says why).
 */
final class LockedCall implements LoopTick, CancellableTask {

	private final Runnable task;

	LockedCall(Runnable task) {
		this.task = task;
	}

	@Override
	public void fire(ScheduledCall call, long due) {
		ReactorEngine engine = call.site.engine;
		CallLock lock = call.site.options.lock();
		if (lock == null) {
			engine.invoke(call, this.task, due);
			return;
		}
		Locking.attempt(engine, lock, new Locking.Outcome() {

			@Override
			public void acquired(CallLock.Lease lease) {
				run(engine, lock, lease, call, due);
			}

			@Override
			public void refused(@Nullable Throwable error) {
				engine.listeners.lockedOut(call, error);
				skipped(call, lock, error);
			}

		});
	}

	private void run(ReactorEngine engine, CallLock lock, CallLock.Lease lease, ScheduledCall call, long due) {
		Runnable body = () -> {
			try {
				engine.invoke(call, this.task, due, lease);
			}
			finally {
				Locking.release(engine, lock, lease, null);
			}
		};
		Executor executor = call.site.executor();
		if (executor == null) {
			engine.runOnOwner(body, () -> Locking.release(engine, lock, lease, this::callCancelled));
			return;
		}
		try {
			executor.execute(body);
		}
		catch (RejectedExecutionException ex) {
			if (this.task instanceof DeferredTask<?> deferred) {
				deferred.future.completeExceptionally(ex);
			}
			engine.failedToStart(call, due, ex);
			Locking.release(engine, lock, lease, null);
		}
	}

	private void skipped(ScheduledCall call, CallLock lock, @Nullable Throwable error) {
		if (this.task instanceof DeferredTask<?> deferred) {
			CancellationException skipped = new CancellationException("Call '" + call.name() + "' did not run here: "
					+ ((error == null) ? "lock '" + lock.name() + "' is held elsewhere"
							: "lock '" + lock.name() + "' could not be taken (" + error + ")"));
			deferred.future.completeExceptionally(skipped);
		}
	}

	@Override
	public void callCancelled() {
		if (this.task instanceof CancellableTask cancellable) {
			cancellable.callCancelled();
		}
	}

}
