package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.reactortime.AlreadyCalledException;
import dev.reactortime.AlreadyCancelledException;
import org.jspecify.annotations.Nullable;

/**
 * A durable call: one row of db-scheduler's table, addressed by (task, id). The durable twin of
 * {@link dev.reactortime.DelayedCall}, with the same verbs and exceptions.
 *
 * <p>A handle is a snapshot taken when it was made ({@link #picked()}, {@link #consecutiveFailures()}…) plus
 * operations that act on the table at once: {@link #cancel()}, {@link #delay} and {@link #reset} change the row only
 * while no instance has picked it, in one statement, so they never race a run. A call whose row is gone has run
 * ({@link AlreadyCalledException}), unless this handle cancelled it ({@link AlreadyCancelledException}). Every method
 * may be called from any thread and any instance.
 */
public final class DurableCall {

	private final DurableCalls calls;

	private final String task;

	private final String id;

	private volatile Instant time;

	private final boolean picked;

	private final @Nullable String pickedBy;

	private final int consecutiveFailures;

	private final @Nullable Instant lastFailure;

	private volatile boolean cancelled;

	DurableCall(DurableCalls calls, String task, String id, Instant time, boolean picked, @Nullable String pickedBy,
			int consecutiveFailures, @Nullable Instant lastFailure) {
		this.calls = calls;
		this.task = task;
		this.id = id;
		this.time = time;
		this.picked = picked;
		this.pickedBy = pickedBy;
		this.consecutiveFailures = consecutiveFailures;
		this.lastFailure = lastFailure;
	}

	/**
	 * Name of the task that runs this call.
	 * @return the task name
	 */
	public String task() {
		return this.task;
	}

	/**
	 * Id of this call, unique within its task (the caller's key, such as {@code order-42}).
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Wall-clock time at which this call is due, as this handle last saw or set it. A failed call (retries used up)
	 * is kept with {@link DurableCalls#FAILED_TIME}.
	 * @return the due time
	 */
	public Instant getTime() {
		return this.time;
	}

	/**
	 * Whether an instance was running this call when the handle was made.
	 * @return {@code true} if picked
	 */
	public boolean picked() {
		return this.picked;
	}

	/**
	 * Name of the instance that picked this call (db-scheduler's scheduler name), when the handle was made.
	 * @return the instance name, or {@code null} when not picked
	 */
	public @Nullable String pickedBy() {
		return this.pickedBy;
	}

	/**
	 * How many runs in a row failed, when the handle was made.
	 * @return the number of consecutive failures
	 */
	public int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	/**
	 * When the last failed run ended, when the handle was made.
	 * @return the time, or {@code null} if no run failed
	 */
	public @Nullable Instant lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Whether this call used up its retries: it is kept, visible and deletable with {@link #cancel()}, but never runs
	 * again unless {@link #reset} gives it a new time.
	 * @return {@code true} if failed
	 */
	public boolean failed() {
		return DurableCalls.FAILED_TIME.equals(this.time);
	}

	/**
	 * Whether this call is still waiting to run: its row exists, no instance has picked it and it has not failed.
	 * Reads the table.
	 * @return {@code true} while pending
	 */
	public boolean active() {
		return !this.cancelled && this.calls.store().isPending(this.task, this.id);
	}

	/**
	 * Cancels this call: its row is deleted, so no instance runs it. Also deletes a failed call.
	 * @throws AlreadyCalledException if the call has run or is running
	 * @throws AlreadyCancelledException if this handle cancelled it before
	 */
	public void cancel() {
		checkNotCancelled();
		if (!this.calls.store().deleteUnpicked(this.task, this.id)) {
			throw alreadyCalled();
		}
		this.cancelled = true;
		this.calls.cancelled(this);
	}

	/**
	 * Moves this call {@code by} later (earlier for a negative value), relative to its current due time.
	 * @param by how much later
	 * @throws AlreadyCalledException if the call has run or is running
	 * @throws AlreadyCancelledException if this handle cancelled it
	 */
	public void delay(Duration by) {
		Objects.requireNonNull(by, "by");
		checkNotCancelled();
		Instant moved = this.calls.store().delayUnpicked(this.task, this.id, by);
		if (moved == null) {
			throw alreadyCalled();
		}
		this.time = moved;
		this.calls.moved(moved);
	}

	/**
	 * Reschedules this call to run {@code delay} from now (wall clock), sooner or later than it was due. A failed
	 * call gets a new time and its runs start again.
	 * @param delay the new delay, not negative
	 * @throws IllegalArgumentException if {@code delay} is negative
	 * @throws AlreadyCalledException if the call has run or is running
	 * @throws AlreadyCancelledException if this handle cancelled it
	 */
	public void reset(Duration delay) {
		DurableCalls.checkDelay(delay);
		checkNotCancelled();
		Instant at = this.calls.wallClock().plus(delay).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		if (!this.calls.store().moveUnpicked(this.task, this.id, at)) {
			throw alreadyCalled();
		}
		this.time = at;
		this.calls.moved(at);
	}

	private void checkNotCancelled() {
		if (this.cancelled) {
			throw new AlreadyCancelledException("durable call " + this + " was cancelled");
		}
	}

	private AlreadyCalledException alreadyCalled() {
		return new AlreadyCalledException("durable call " + this + " has run or is running (its row is picked or gone)");
	}

	@Override
	public String toString() {
		return this.task + "/" + this.id;
	}

}
