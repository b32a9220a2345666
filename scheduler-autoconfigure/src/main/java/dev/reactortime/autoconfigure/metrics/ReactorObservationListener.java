package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.reactortime.DelayedCall;
import dev.reactortime.ReactorListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Runs each call of a reactor inside a {@code reactortime.call} {@link Observation}, so that traces show it and
 * observation handlers time it: {@link #started} creates the observation, starts it and opens its scope on the thread
 * that runs the call; {@link #finished} closes the scope, records the error and stops the observation.
 *
 * <p>A plain call starts and finishes on one thread. A loop whose body runs on an executor or returns a stage
 * finishes on another thread: its observation is found by call, and its scope, which must be closed on the thread
 * that opened it, is closed when the next call starts on that thread (the body has returned by then; until then
 * nothing but the reactor's own bookkeeping runs there). A call whose executor refused it finishes without having
 * started and gets no observation. Nothing is observed while the registry is a no-op.
 */
public class ReactorObservationListener implements ReactorListener {

	private static final ReactorCallObservationConvention DEFAULT_CONVENTION = new DefaultReactorCallObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ReactorCallObservationConvention convention;

	/** Observations of the calls that have started and not finished. */
	private final ConcurrentHashMap<DelayedCall, Running> running = new ConcurrentHashMap<>();

	/** The call whose scope is open on this thread. */
	private final ThreadLocal<@Nullable Running> inScope = new ThreadLocal<>();

	/**
	 * Observes calls with the default convention.
	 * @param registry the registry
	 */
	public ReactorObservationListener(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Observes calls with a convention of the application's.
	 * @param registry the registry
	 * @param convention the convention, or {@code null} for {@link DefaultReactorCallObservationConvention}
	 */
	public ReactorObservationListener(ObservationRegistry registry,
			@Nullable ReactorCallObservationConvention convention) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.convention = convention;
	}

	@Override
	public void started(DelayedCall call, long lagNanos) {
		closeScopeLeftOnThisThread();
		if (this.registry.isNoop()) {
			return;
		}
		ReactorCallObservationContext context = new ReactorCallObservationContext(call, Duration.ofNanos(lagNanos));
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		Running entry = new Running(observation, context, observation.openScope());
		this.running.put(call, entry);
		this.inScope.set(entry);
	}

	@Override
	public void finished(DelayedCall call, long lagNanos, long durationNanos, @Nullable Throwable error) {
		Running entry = this.running.remove(call);
		if (entry == null) {
			return;
		}
		if (this.inScope.get() == entry) {
			this.inScope.remove();
			entry.scope.close();
		}
		if (error != null) {
			entry.observation.error(error);
		}
		entry.context.setFinished();
		entry.observation.stop();
	}

	private void closeScopeLeftOnThisThread() {
		Running left = this.inScope.get();
		if (left != null) {
			this.inScope.remove();
			left.scope.close();
		}
	}

	@Override
	public String toString() {
		return "ReactorObservationListener[" + this.running.size() + " running]";
	}

	private record Running(Observation observation, ReactorCallObservationContext context, Observation.Scope scope) {

	}

}
