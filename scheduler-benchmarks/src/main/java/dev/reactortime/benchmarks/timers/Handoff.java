package dev.reactortime.benchmarks.timers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Runs a batch on another thread through whatever submit operation a timer offers, and waits for it: the
 * latch's count-down and await order the batch's writes before the caller's next read.
 */
final class Handoff implements Runnable {

	private static final long TIMEOUT_SECONDS = 600;

	private final Runnable batch;

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile @Nullable Throwable failure;

	private Handoff(Runnable batch) {
		this.batch = batch;
	}

	static void run(Runnable batch, Consumer<Runnable> submit) {
		Handoff handoff = new Handoff(batch);
		submit.accept(handoff);
		handoff.await();
	}

	@Override
	public void run() {
		try {
			this.batch.run();
		}
		catch (Throwable ex) {
			this.failure = ex;
		}
		finally {
			this.done.countDown();
		}
	}

	private void await() {
		try {
			if (!this.done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timer thread did not run the batch within " + TIMEOUT_SECONDS + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the timer thread", ex);
		}
		Throwable ex = this.failure;
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		if (ex != null) {
			throw new IllegalStateException(ex);
		}
	}

}
