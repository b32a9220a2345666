package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.reactortime.CallKind;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.ReactorListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of a {@link Reactor}, recorded from its {@link ReactorListener} events:
 *
 * <ul>
 * <li>{@value #CALL_LAG} (timer, tags {@code name}, {@code kind}): how late each call started;
 * <li>{@value #CALL_DURATION} (timer, tags {@code name}, {@code kind}, {@code outcome}, {@code exception}): how long
 * each call ran;
 * <li>{@value #CALLS_PENDING} (gauge): the reactor's {@link Reactor#pendingCount() pending calls};
 * <li>{@value #CALLS_CANCELLED} (counter, tag {@code kind}): cancelled calls;
 * <li>{@value #LOOPING_SKIPPED} (counter, tag {@code name}): grid points loops missed;
 * <li>{@value #REACTOR_BLOCKED} (counter): calls the watchdog found holding the reactor thread;
 * <li>{@value #CALLS_LOCKED} (counter, tags {@code name}, {@code kind}, {@code reason}): runs of locked calls skipped
 * here, because another instance held the lock ({@code held}) or the lock's store failed ({@code error}).
 * </ul>
 *
 * <p>Tag values are bounded: {@code name} is the call's name (an annotation's, an explicit one, or {@code unnamed}),
 * never an id, an argument or a time. Meters are looked up once per name and kind (and exception class) and then
 * cached, so the hot path does not build meters. Timers are plain {@code Timer.builder} timers: histograms,
 * percentiles and SLOs come from the registry's configuration (in Spring Boot,
 * {@code management.metrics.distribution.*}).
 *
 * <p>Without Spring Boot, bind it and add it to the reactor:
 * <pre>{@code
 * ReactorMetrics metrics = new ReactorMetrics(reactor);
 * metrics.bindTo(registry);
 * reactor.addListener(metrics);
 * }</pre>
 * Events heard before {@link #bindTo} are not recorded. {@link #close()} removes the meters again (Spring calls it
 * when the context closes).
 */
public class ReactorMetrics implements ReactorListener, MeterBinder {

	/** Name of the timer of how late calls start. */
	public static final String CALL_LAG = "reactortime.call.lag";

	/** Name of the timer of how long calls run. */
	public static final String CALL_DURATION = "reactortime.call.duration";

	/** Name of the gauge of pending calls. */
	public static final String CALLS_PENDING = "reactortime.calls.pending";

	/** Name of the counter of cancelled calls. */
	public static final String CALLS_CANCELLED = "reactortime.calls.cancelled";

	/** Name of the counter of intervals skipped by loops. */
	public static final String LOOPING_SKIPPED = "reactortime.looping.skipped";

	/** Name of the counter of watchdog reports. */
	public static final String REACTOR_BLOCKED = "reactortime.reactor.blocked";

	/** Name of the counter of runs skipped because their lock was held elsewhere or could not be taken. */
	public static final String CALLS_LOCKED = "reactortime.calls.locked";

	static final String TAG_NAME = "name";

	static final String TAG_KIND = "kind";

	static final String TAG_OUTCOME = "outcome";

	static final String TAG_EXCEPTION = "exception";

	static final String OUTCOME_SUCCESS = "success";

	static final String OUTCOME_ERROR = "error";

	static final String NO_EXCEPTION = "none";

	static final String TAG_REASON = "reason";

	static final String REASON_HELD = "held";

	static final String REASON_ERROR = "error";

	private static final CallKind[] KINDS = CallKind.values();

	private final Supplier<? extends @Nullable Reactor> reactor;

	/** One entry per registry bound; replaced (never changed) on binding, read on every event. */
	private volatile BoundMeters[] bound = new BoundMeters[0];

	/**
	 * Meters of the given reactor.
	 * @param reactor the reactor whose pending calls the gauge shows
	 */
	public ReactorMetrics(Reactor reactor) {
		this(supplierOf(reactor));
	}

	/**
	 * Meters of a reactor known later (such as a bean that does not exist yet when this listener is created): the
	 * pending gauge asks {@code reactor} at each reading, and reads {@code NaN} while it returns {@code null}.
	 * @param reactor supplies the reactor whose pending calls the gauge shows
	 */
	public ReactorMetrics(Supplier<? extends @Nullable Reactor> reactor) {
		this.reactor = Objects.requireNonNull(reactor, "reactor must not be null");
	}

	private static Supplier<Reactor> supplierOf(Reactor reactor) {
		Objects.requireNonNull(reactor, "reactor must not be null");
		return () -> reactor;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		BoundMeters[] current = this.bound;
		for (BoundMeters meters : current) {
			if (meters.registry == registry) {
				return;
			}
		}
		BoundMeters[] next = Arrays.copyOf(current, current.length + 1);
		next[current.length] = new BoundMeters(registry);
		this.bound = next;
	}

	/**
	 * Stops recording and removes the meters of this binder from every registry it was bound to, so that a registry
	 * that outlives the reactor holds nothing of it: the pending gauge would keep the reactor, and with the
	 * auto-configuration the whole application context, reachable. (Spring Boot 3.5 leaves the registries of a closed
	 * context in Micrometer's global registry; Boot 4 removes them.) The auto-configured bean is closed with its
	 * context, after the reactor, so the calls cancelled at shutdown are still counted.
	 */
	public synchronized void close() {
		BoundMeters[] current = this.bound;
		this.bound = new BoundMeters[0];
		for (BoundMeters meters : current) {
			meters.remove();
		}
	}

	private double pendingCount() {
		Reactor reactor = this.reactor.get();
		return (reactor != null) ? reactor.pendingCount() : Double.NaN;
	}

	@Override
	public void started(DelayedCall call, long lagNanos) {
		for (BoundMeters meters : this.bound) {
			meters.call(call).lag.record(lagNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void finished(DelayedCall call, long lagNanos, long durationNanos, @Nullable Throwable error) {
		for (BoundMeters meters : this.bound) {
			meters.call(call).duration(error).record(durationNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void cancelled(DelayedCall call) {
		for (BoundMeters meters : this.bound) {
			meters.cancelled[call.kind().ordinal()].increment();
		}
	}

	@Override
	public void skipped(LoopingCall loop, long intervals) {
		for (BoundMeters meters : this.bound) {
			meters.skipped(loop.name()).increment(intervals);
		}
	}

	@Override
	public void lockedOut(DelayedCall call, @Nullable Throwable error) {
		for (BoundMeters meters : this.bound) {
			meters.locked(call, (error != null) ? REASON_ERROR : REASON_HELD).increment();
		}
	}

	@Override
	public void blocked(DelayedCall call, Duration blockedFor, StackTraceElement[] stackTrace) {
		for (BoundMeters meters : this.bound) {
			meters.blocked.increment();
		}
	}

	/**
	 * The exception tag's value: the simple name of the exception's class (its full name for an anonymous class),
	 * or {@code none}.
	 */
	static String exceptionTag(@Nullable Throwable error) {
		if (error == null) {
			return NO_EXCEPTION;
		}
		String simpleName = error.getClass().getSimpleName();
		return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
	}

	@Override
	public String toString() {
		return "ReactorMetrics[" + this.bound.length + " registries]";
	}

	/**
	 * The meters of one registry, with the caches of per-name meters.
	 */
	private final class BoundMeters {

		private final MeterRegistry registry;

		/** Per kind (by ordinal): the meters of each call name. */
		private final ConcurrentHashMap<String, CallMeters>[] calls;

		private final Counter[] cancelled = new Counter[KINDS.length];

		private final ConcurrentHashMap<String, Counter> skipped = new ConcurrentHashMap<>();

		private final Counter blocked;

		private final Gauge pending;

		/** Per kind (by ordinal): the locked-out counters of each reason and name. */
		private final ConcurrentHashMap<String, Counter>[] locked;

		@SuppressWarnings({ "unchecked", "rawtypes" }) // an array of generic maps, one per kind
		BoundMeters(MeterRegistry registry) {
			this.registry = registry;
			this.calls = new ConcurrentHashMap[KINDS.length];
			this.locked = new ConcurrentHashMap[KINDS.length];
			for (CallKind kind : KINDS) {
				this.calls[kind.ordinal()] = new ConcurrentHashMap<>();
				this.locked[kind.ordinal()] = new ConcurrentHashMap<>();
				this.cancelled[kind.ordinal()] = Counter.builder(CALLS_CANCELLED)
					.description("Calls cancelled before they ran, by cancel(), a stopped loop, a cancelled future "
							+ "or shutdown")
					.baseUnit("calls")
					.tag(TAG_KIND, kind.tag())
					.register(registry);
			}
			this.blocked = Counter.builder(REACTOR_BLOCKED)
				.description("Calls the watchdog found holding the reactor thread longer than its threshold")
				.baseUnit("calls")
				.register(registry);
			this.pending = Gauge.builder(CALLS_PENDING, ReactorMetrics.this, ReactorMetrics::pendingCount)
				.description("Calls scheduled and neither run nor cancelled yet")
				.baseUnit("calls")
				.strongReference(true)
				.register(registry);
		}

		CallMeters call(DelayedCall call) {
			ConcurrentHashMap<String, CallMeters> byName = this.calls[call.kind().ordinal()];
			String name = call.name();
			// get() first: computeIfAbsent may lock the bin even when the key is present.
			CallMeters meters = byName.get(name);
			return (meters != null) ? meters
					: byName.computeIfAbsent(name, (key) -> new CallMeters(this.registry, key, call.kind()));
		}

		Counter locked(DelayedCall call, String reason) {
			ConcurrentHashMap<String, Counter> byKey = this.locked[call.kind().ordinal()];
			String key = reason + ':' + call.name();
			Counter counter = byKey.get(key);
			return (counter != null) ? counter : byKey.computeIfAbsent(key, (ignored) -> Counter.builder(CALLS_LOCKED)
				.description("Runs of locked calls skipped here: another instance held the lock, or its store failed")
				.baseUnit("calls")
				.tag(TAG_NAME, call.name())
				.tag(TAG_KIND, call.kind().tag())
				.tag(TAG_REASON, reason)
				.register(this.registry));
		}

		Counter skipped(String name) {
			Counter counter = this.skipped.get(name);
			return (counter != null) ? counter : this.skipped.computeIfAbsent(name, (key) -> Counter
				.builder(LOOPING_SKIPPED)
				.description("Intervals a loop skipped because its body or the reactor ran late")
				.baseUnit("intervals")
				.tag(TAG_NAME, key)
				.register(this.registry));
		}

		/** Removes every meter registered so far from the registry. */
		void remove() {
			List<Meter> meters = new ArrayList<>(List.of(this.pending, this.blocked));
			meters.addAll(Arrays.asList(this.cancelled));
			meters.addAll(this.skipped.values());
			for (ConcurrentHashMap<String, CallMeters> byName : this.calls) {
				byName.values().forEach((callMeters) -> callMeters.addTo(meters));
			}
			for (ConcurrentHashMap<String, Counter> byKey : this.locked) {
				meters.addAll(byKey.values());
			}
			meters.forEach(this.registry::remove);
		}

	}

	/**
	 * The timers of one call name and kind.
	 */
	private static final class CallMeters {

		private final MeterRegistry registry;

		private final String name;

		private final CallKind kind;

		final Timer lag;

		/** Registered at the first success, so a name that only fails has no success timer. */
		private volatile @Nullable Timer success;

		private final ConcurrentHashMap<Class<?>, Timer> errors = new ConcurrentHashMap<>();

		CallMeters(MeterRegistry registry, String name, CallKind kind) {
			this.registry = registry;
			this.name = name;
			this.kind = kind;
			this.lag = Timer.builder(CALL_LAG)
				.description("How late calls start: actual start minus due time")
				.tag(TAG_NAME, name)
				.tag(TAG_KIND, kind.tag())
				.register(registry);
		}

		void addTo(List<Meter> meters) {
			meters.add(this.lag);
			Timer success = this.success;
			if (success != null) {
				meters.add(success);
			}
			meters.addAll(this.errors.values());
		}

		Timer duration(@Nullable Throwable error) {
			if (error == null) {
				Timer success = this.success;
				if (success == null) {
					// A race registers twice, and the registry returns the same timer both times.
					success = duration(OUTCOME_SUCCESS, NO_EXCEPTION);
					this.success = success;
				}
				return success;
			}
			Timer timer = this.errors.get(error.getClass());
			return (timer != null) ? timer : this.errors.computeIfAbsent(error.getClass(),
					(type) -> duration(OUTCOME_ERROR, exceptionTag(error)));
		}

		private Timer duration(String outcome, String exception) {
			return Timer.builder(CALL_DURATION)
				.description("How long calls run (for asynchronous loops, until their stage completes)")
				.tag(TAG_NAME, this.name)
				.tag(TAG_KIND, this.kind.tag())
				.tag(TAG_OUTCOME, outcome)
				.tag(TAG_EXCEPTION, exception)
				.register(this.registry);
		}

	}

}
