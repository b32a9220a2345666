package dev.reactortime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The task behind {@code deferLater}: computes the value and completes the future. Its future cancels the delayed
 * call when cancelled, so the callable never runs (Twisted's {@code deferLater} canceller).
 *
 * @param <T> the result type
 */
final class DeferredTask<T> implements CancellableTask {

	private final Callable<T> callable;

	final CompletableFuture<T> future = new DeferredFuture();

	volatile @Nullable ScheduledCall call;

	private @Nullable Throwable failure;

	DeferredTask(Callable<T> callable) {
		this.callable = callable;
	}

	@Override
	public void run() {
		T value;
		try {
			value = this.callable.call();
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			this.failure = ex;
			this.future.completeExceptionally(ex);
			return;
		}
		this.future.complete(value);
	}

	/**
	 * The exception the callable threw: it goes to the future, and to the listener as the call's outcome, but is
	 * not logged (whoever holds the future handles it).
	 */
	@Nullable Throwable failure() {
		return this.failure;
	}

	/** The delayed call was cancelled (not through the future): the future is cancelled too. */
	@Override
	public void callCancelled() {
		((DeferredFuture) this.future).cancelFromCall();
	}

	private final class DeferredFuture extends CompletableFuture<T> {

		void cancelFromCall() {
			super.cancel(false);
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			ScheduledCall call = DeferredTask.this.call;
			if (call != null && !call.tryCancel() && !call.isCancelled()) {
				// The callable has been claimed (it runs or ran): its outcome completes the future, not this cancel.
				return isCancelled();
			}
			return super.cancel(mayInterruptIfRunning);
		}

		@Override
		public String toString() {
			return "Deferred[" + DeferredTask.this.call + ", " + super.toString() + "]";
		}

	}

}
