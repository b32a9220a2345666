package dev.reactortime.durable;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.reactortime.CallOptions;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import org.jspecify.annotations.Nullable;

/**
 * Wakes db-scheduler at the due times of the next calls instead of waiting for its next poll.
 *
 * <p>Every {@code refresh} a loop on the reactor reads, on a thread of its own (the reactor thread never waits for
 * the database), the due times of unpicked calls in the next two refresh intervals, and plans one reactor call per
 * distinct millisecond that calls {@code triggerCheckForDueExecutions()}. Calls scheduled or moved on this instance
 * are planned at once. A wake-up fires one millisecond after the due time, rounded up, so that db-scheduler's own
 * {@code execution_time <= now} already holds when it looks. A wake-up for a call that another instance took, or
 * that was cancelled, only makes db-scheduler look once more.
 */
final class WakeUps implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(WakeUps.class.getName());

	private static final int WINDOW_LIMIT = 10_000;

	private final Reactor reactor;

	private final DurableStore store;

	private final Runnable trigger;

	private final Duration refresh;

	/** Epoch milliseconds of planned wake-ups that have not fired. */
	private final ConcurrentSkipListSet<Long> planned = new ConcurrentSkipListSet<>();

	private final ExecutorService reader = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "reactortime-durable-wake-ups");
		thread.setDaemon(true);
		return thread;
	});

	private final CallOptions wakeUp = CallOptions.named("durable.wake-up").withSource("reactortime-durable");

	private @Nullable LoopingCall loop;

	WakeUps(Reactor reactor, DurableStore store, Runnable trigger, Duration refresh) {
		this.reactor = reactor;
		this.store = store;
		this.trigger = trigger;
		this.refresh = refresh;
	}

	synchronized void start() {
		this.loop = this.reactor.loopingCall(
				CallOptions.named("durable.wake-up-refresh").withSource("reactortime-durable")
					.withExecutor(this.reader)
					.withContinueOnError(true),
				this::refresh);
		this.loop.start(this.refresh, true);
	}

	@Override
	public synchronized void close() {
		LoopingCall current = this.loop;
		if (current != null && current.isRunning()) {
			try {
				current.stop();
			}
			catch (IllegalStateException ex) {
				// stopped meanwhile (reactor closed first)
			}
		}
		this.reader.shutdown();
		try {
			this.reader.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void refresh() {
		Instant now = Instant.now();
		List<Instant> due = this.store.nextDueTimes(now.plus(this.refresh.multipliedBy(2)), WINDOW_LIMIT);
		for (Instant at : due) {
			plan(at);
		}
		// Forget fired or stale entries (a wake-up that could not be planned because the reactor closed).
		this.planned.headSet(now.toEpochMilli() - 1000).clear();
	}

	void plan(Instant dueAt) {
		if (!this.reactor.isRunning() || dueAt.equals(DurableCalls.FAILED_TIME)) {
			return;
		}
		long fireAt = ceilMillis(dueAt) + 1;
		long delayMillis = fireAt - System.currentTimeMillis();
		if (delayMillis > this.refresh.toMillis() * 2 || !this.planned.add(fireAt)) {
			return; // beyond the window (a later refresh plans it), or planned already
		}
		try {
			this.reactor.callLater(this.wakeUp, Duration.ofMillis(Math.max(0, delayMillis)), () -> {
				this.planned.remove(fireAt);
				this.trigger.run();
			});
		}
		catch (IllegalStateException ex) {
			this.planned.remove(fireAt);
			logger.log(Level.DEBUG, "Reactor closed; no wake-up planned for {0}", dueAt);
		}
	}

	private static long ceilMillis(Instant at) {
		long millis = at.toEpochMilli();
		return (at.getNano() % 1_000_000 != 0) ? millis + 1 : millis;
	}

}
