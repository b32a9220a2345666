package dev.reactortime.autoconfigure.durable;

import java.util.concurrent.TimeUnit;

import dev.reactortime.durable.DurableCallListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Meters of durable calls, the same as every other call's with {@code kind=durable} and the task as {@code name}:
 * {@code reactortime.call.lag} (start minus due time) and {@code reactortime.call.duration} (tags {@code outcome} and
 * {@code exception}). Task names are declared by annotations, so the {@code name} tag stays bounded.
 */
public final class DurableCallMetrics implements DurableCallListener {

	static final String CALL_LAG = "reactortime.call.lag";

	static final String CALL_DURATION = "reactortime.call.duration";

	static final String KIND = "durable";

	private final MeterRegistry registry;

	/**
	 * Meters in {@code registry}.
	 * @param registry the registry
	 */
	public DurableCallMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void started(String task, String id, long lagNanos) {
		Timer.builder(CALL_LAG)
			.description("How late calls start: actual start minus due time")
			.tag("name", task)
			.tag("kind", KIND)
			.register(this.registry)
			.record(lagNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void finished(String task, String id, long lagNanos, long durationNanos, @Nullable Throwable error) {
		String exception = "none";
		if (error != null) {
			String simpleName = error.getClass().getSimpleName();
			exception = simpleName.isEmpty() ? error.getClass().getName() : simpleName;
		}
		Timer.builder(CALL_DURATION)
			.description("How long calls run (for asynchronous loops, until their stage completes)")
			.tag("name", task)
			.tag("kind", KIND)
			.tag("outcome", (error != null) ? "error" : "success")
			.tag("exception", exception)
			.register(this.registry)
			.record(durationNanos, TimeUnit.NANOSECONDS);
	}

}
