package dev.reactortime;

import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * How a call or loop is scheduled: its name, where it comes from, the executor its body runs on, and (for
 * loops) whether an exception stops the loop, and the lock each run takes first. Immutable; one instance may serve any number of calls.
 *
 * <pre>{@code
 * CallOptions report = CallOptions.named("nightly-report").withExecutor(ioPool);
 * reactor.callLater(report, Duration.ofHours(1), this::writeReport);
 * }</pre>
 *
 * <p>The name is a tag value of the {@code reactortime.*} meters, so it must come from code or
 * configuration, never from request data: metrics need a bounded set of names.
 */
public final class CallOptions {

	/** Name used by metrics and endpoints for calls scheduled without one. */
	public static final String UNNAMED = "unnamed";

	/** Source shown by endpoints for calls scheduled through the API rather than an annotation. */
	public static final String PROGRAMMATIC = "programmatic";

	/** Options of an unnamed call that runs on the reactor thread. */
	public static final CallOptions DEFAULT = new CallOptions(UNNAMED, PROGRAMMATIC, null, false, null);

	private final String name;

	private final String source;

	private final @Nullable Executor executor;

	private final boolean continueOnError;

	private final @Nullable CallLock lock;

	private CallOptions(String name, String source, @Nullable Executor executor, boolean continueOnError,
			@Nullable CallLock lock) {
		this.name = name;
		this.source = source;
		this.executor = executor;
		this.continueOnError = continueOnError;
		this.lock = lock;
	}

	/**
	 * Options for a call with the given name.
	 * @param name the name shown by metrics and endpoints, not blank
	 * @return the options
	 */
	public static CallOptions named(String name) {
		return DEFAULT.withName(name);
	}

	/**
	 * A copy with another name.
	 * @param name the name, not blank
	 * @return the options
	 */
	public CallOptions withName(String name) {
		Objects.requireNonNull(name, "name must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		return new CallOptions(name, this.source, this.executor, this.continueOnError, this.lock);
	}

	/**
	 * A copy with another source, such as {@code bean#method}.
	 * @param source where the call comes from, not blank
	 * @return the options
	 */
	public CallOptions withSource(String source) {
		Objects.requireNonNull(source, "source must not be null");
		if (source.isBlank()) {
			throw new IllegalArgumentException("source must not be blank");
		}
		return new CallOptions(this.name, source, this.executor, this.continueOnError, this.lock);
	}

	/**
	 * A copy whose body runs on {@code executor} instead of the reactor thread: the place for work that blocks.
	 * A loop waits for the body to finish on the executor before it schedules its next call.
	 * @param executor the executor, or {@code null} for the reactor thread
	 * @return the options
	 */
	public CallOptions withExecutor(@Nullable Executor executor) {
		return new CallOptions(this.name, this.source, executor, this.continueOnError, this.lock);
	}

	/**
	 * A copy that makes a loop go on after its body throws (the exception is logged and counted). Twisted, and
	 * the default, stop the loop and fail its future.
	 * @param continueOnError whether a loop survives an exception of its body
	 * @return the options
	 */
	public CallOptions withContinueOnError(boolean continueOnError) {
		return new CallOptions(this.name, this.source, this.executor, continueOnError, this.lock);
	}

	/**
	 * A copy whose every run takes {@code lock} first, off the reactor thread; a run whose lock is held elsewhere or
	 * cannot be taken is skipped (see {@link CallLock}). A loop with a lock also anchors its grid to the wall clock
	 * (multiples of its interval since the epoch), so that the loops of several instances tick together.
	 * @param lock the lock, or {@code null} for none
	 * @return the options
	 */
	public CallOptions withLock(@Nullable CallLock lock) {
		return new CallOptions(this.name, this.source, this.executor, this.continueOnError, lock);
	}

	/**
	 * Name shown by metrics and endpoints.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Where the call comes from.
	 * @return {@code bean#method} or {@code programmatic}
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Executor of the body, or {@code null} for the reactor thread.
	 * @return the executor
	 */
	public @Nullable Executor executor() {
		return this.executor;
	}

	/**
	 * Whether a loop goes on after its body throws.
	 * @return {@code true} to continue, {@code false} (the default) to stop
	 */
	public boolean continueOnError() {
		return this.continueOnError;
	}

	/**
	 * Lock taken before each run, or {@code null}.
	 * @return the lock
	 */
	public @Nullable CallLock lock() {
		return this.lock;
	}

	@Override
	public String toString() {
		return "CallOptions[name=" + this.name + ", source=" + this.source + ", executor=" + this.executor
				+ ", continueOnError=" + this.continueOnError
				+ ((this.lock != null) ? ", lock=" + this.lock.name() : "") + "]";
	}

}
