package dev.reactortime;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call scheduled by {@link Reactor#callLater}: Twisted's {@code IDelayedCall}.
 *
 * <p>Every method may be called from any thread. A call is <em>active</em> until it runs or is cancelled;
 * {@link #cancel()}, {@link #delay} and {@link #reset} on an inactive call throw
 * {@link AlreadyCalledException} or {@link AlreadyCancelledException}. A call counts as called from the
 * moment the reactor takes it to run, so cancelling it from inside its own body throws
 * {@link AlreadyCalledException}, as in Twisted.
 */
public interface DelayedCall {

	/**
	 * Identifier of this call, unique within its reactor and increasing in scheduling order. The
	 * {@code delayedcalls} endpoint addresses calls by it.
	 * @return the id
	 */
	long id();

	/**
	 * Name of this call as shown by metrics and endpoints: an annotation's name, an explicit name, or
	 * {@code unnamed}.
	 * @return the name, never {@code null}
	 */
	String name();

	/**
	 * What scheduled this call.
	 * @return the kind
	 */
	CallKind kind();

	/**
	 * Where this call comes from: {@code bean#method} for annotated methods, {@code programmatic} otherwise.
	 * @return the source
	 */
	String source();

	/**
	 * Name of the lock each run of this call takes first (see {@link CallOptions#withLock}), or {@code null}.
	 * @return the lock's name
	 */
	default @Nullable String lockName() {
		return null;
	}

	/**
	 * Time at which this call is due, on the reactor's clock (see {@link Reactor#now()}). After a
	 * {@link #delay} or {@link #reset} it is the new time; after the call ran or was cancelled it is the last
	 * due time it had.
	 * @return the due time
	 */
	Instant getTime();

	/**
	 * Cancels this call: it will not run, and it leaves {@link Reactor#getDelayedCalls()} at once.
	 * @throws AlreadyCalledException if the call has run or is running
	 * @throws AlreadyCancelledException if the call was cancelled before
	 */
	void cancel();

	/**
	 * Moves this call later (or earlier, for a negative value) by {@code by}, relative to its current due time.
	 * @param by how much later the call should run
	 * @throws AlreadyCalledException if the call has run or is running
	 * @throws AlreadyCancelledException if the call was cancelled
	 */
	void delay(Duration by);

	/**
	 * Reschedules this call to run {@code delay} from now, sooner or later than it was due.
	 * @param delay the new delay from {@link Reactor#now()}, not negative
	 * @throws AlreadyCalledException if the call has run or is running
	 * @throws AlreadyCancelledException if the call was cancelled
	 */
	void reset(Duration delay);

	/**
	 * Whether this call has neither run nor been cancelled.
	 * @return {@code true} while the call is pending
	 */
	boolean active();

}
