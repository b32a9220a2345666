package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import dev.reactortime.CallOptions;
import dev.reactortime.VirtualTimeReactor;

/**
 * Durable calls on virtual time, for tests: db-scheduler's {@link ManualScheduler} on a {@link SettableClock} that
 * follows a {@link VirtualTimeReactor}. Each due time is a call on the reactor; when {@code advance} reaches it (on
 * the test's thread, the clock stepped to that instant), the clock is set and the due executions run there and then,
 * so a test asserts right after {@code advance} without sleeping. Retries and moved calls get wake-ups of their own.
 */
final class VirtualWakeUps {

	private final VirtualTimeReactor reactor;

	private final SettableClock clock;

	private final ManualScheduler scheduler;

	private final DurableStore store;

	private final Set<Long> planned = ConcurrentHashMap.newKeySet();

	private final CallOptions wakeUp = CallOptions.named("durable.wake-up").withSource("reactortime-durable");

	VirtualWakeUps(VirtualTimeReactor reactor, SettableClock clock, ManualScheduler scheduler, DurableStore store) {
		this.reactor = reactor;
		this.clock = clock;
		this.scheduler = scheduler;
		this.store = store;
		clock.set(reactor.now());
	}

	void plan(Instant dueAt) {
		if (dueAt.equals(DurableCalls.FAILED_TIME) || !this.planned.add(dueAt.toEpochMilli())) {
			return;
		}
		Duration delay = Duration.between(this.reactor.now(), dueAt);
		this.reactor.callLater(this.wakeUp, delay.isNegative() ? Duration.ZERO : delay, () -> {
			this.planned.remove(dueAt.toEpochMilli());
			runDue();
		});
	}

	/** Runs the executions due on the reactor's clock now, then plans the next due times (retries included). */
	void runDue() {
		this.clock.set(this.reactor.now());
		this.scheduler.runAnyDueExecutions();
		for (Instant next : this.store.nextDueTimes(DurableCalls.FAILED_TIME, 10_000)) {
			if (next.isAfter(this.reactor.now())) {
				plan(next);
			}
		}
	}

}
