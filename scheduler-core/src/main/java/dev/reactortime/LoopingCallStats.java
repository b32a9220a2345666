package dev.reactortime;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link LoopingCall} has done so far, taken at one moment.
 *
 * @param calls how many times the body has been called
 * @param skipped how many grid points were missed because the body (or the reactor) ran late
 * @param lastStart when the body last started, or {@code null} before the first call
 * @param lastDuration how long the last completed call took, or {@code null} before the first completed call
 * @param lastError the exception of the last completed call, or {@code null} if it succeeded
 * @param nextDueAt when the next call is due, or {@code null} if none is pending
 * @param lockedOut how many ticks were skipped here because the loop's lock was held elsewhere or could not be taken
 * (always 0 for a loop without a lock)
 */
public record LoopingCallStats(long calls, long skipped, @Nullable Instant lastStart, @Nullable Duration lastDuration,
		@Nullable Throwable lastError, @Nullable Instant nextDueAt, long lockedOut) {

	/**
	 * Statistics of a loop without a lock.
	 * @param calls how many times the body has been called
	 * @param skipped how many grid points were missed
	 * @param lastStart when the body last started, or {@code null}
	 * @param lastDuration how long the last completed call took, or {@code null}
	 * @param lastError the exception of the last completed call, or {@code null}
	 * @param nextDueAt when the next call is due, or {@code null}
	 */
	public LoopingCallStats(long calls, long skipped, @Nullable Instant lastStart, @Nullable Duration lastDuration,
			@Nullable Throwable lastError, @Nullable Instant nextDueAt) {
		this(calls, skipped, lastStart, lastDuration, lastError, nextDueAt, 0);
	}

}
