package dev.reactortime.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.reactortime.AlreadyCalledException;
import dev.reactortime.AlreadyCancelledException;
import dev.reactortime.durable.DurableCall;
import dev.reactortime.durable.DurableCalls;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code durablecalls} endpoint: the durable calls in db-scheduler's table (of every instance), one of them, and
 * cancelling one.
 *
 * <ul>
 * <li>{@code GET /actuator/durablecalls[?limit=n]}: calls by due time (failed ones last), with {@code task},
 * {@code id}, {@code dueAt}, {@code dueInMs}, {@code picked}, {@code pickedBy}, {@code consecutiveFailures},
 * {@code lastFailure} and {@code failed}, and their {@code total} (default limit {@value #DEFAULT_LIMIT}, capped at
 * {@value #MAX_LIMIT});
 * <li>{@code GET /actuator/durablecalls/{task}/{id}}: one call, or {@code 404};
 * <li>{@code DELETE /actuator/durablecalls/{task}/{id}}: cancels (deletes) a call that is pending or failed
 * ({@code 204}); a running one gets {@code 409}, an unknown one {@code 404}.
 * </ul>
 * Payloads never appear (they may hold secrets). Read-only by default:
 * {@code management.endpoint.durablecalls.access=unrestricted} allows cancelling.
 */
@WebEndpoint(id = "durablecalls", defaultAccess = Access.READ_ONLY)
public class DurableCallsEndpoint {

	/** How many calls a list shows when the request names no limit. */
	public static final int DEFAULT_LIMIT = 100;

	/** The most calls a list shows. */
	public static final int MAX_LIMIT = 1000;

	private final DurableCalls calls;

	/**
	 * The endpoint of the durable calls.
	 * @param calls the durable calls
	 */
	public DurableCallsEndpoint(DurableCalls calls) {
		this.calls = Objects.requireNonNull(calls, "calls must not be null");
	}

	/**
	 * The durable calls by due time.
	 * @param limit how many to list, a whole number (default {@value #DEFAULT_LIMIT}, capped at {@value #MAX_LIMIT})
	 * @return the calls and their total, or {@code 400} for a bad limit
	 */
	@SuppressWarnings("deprecation")
	@ReadOperation
	public WebEndpointResponse<Object> durableCalls(@org.springframework.lang.Nullable @Nullable String limit) {
		int max;
		if (limit == null) {
			max = DEFAULT_LIMIT;
		}
		else if (!limit.isEmpty() && limit.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			String digits = limit.replaceFirst("^0+(?=.)", "");
			max = (digits.length() > 9) ? MAX_LIMIT : Math.min(Integer.parseInt(digits), MAX_LIMIT);
		}
		else {
			return Responses.badRequest("limit must be a whole number from 0 (capped at " + MAX_LIMIT + ")");
		}
		Instant now = Instant.now();
		List<DurableCallDescriptor> shown = this.calls.list(max)
			.stream()
			.map((call) -> DurableCallDescriptor.of(call, now))
			.toList();
		return Responses.ok(new DurableCallsDescriptor(this.calls.count(), max, shown));
	}

	/**
	 * One durable call.
	 * @param task the task name
	 * @param id the call's id
	 * @return the call, or {@code 404}
	 */
	@ReadOperation
	public WebEndpointResponse<Object> durableCall(@Selector String task, @Selector String id) {
		return this.calls.find(task, id)
			.<WebEndpointResponse<Object>>map((call) -> Responses.ok(DurableCallDescriptor.of(call, Instant.now())))
			.orElseGet(() -> notFound(task, id));
	}

	/**
	 * Cancels a pending or failed durable call.
	 * @param task the task name
	 * @param id the call's id
	 * @return {@code 204}, {@code 404} when there is no such call, {@code 409} when it is running
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> cancel(@Selector String task, @Selector String id) {
		Optional<DurableCall> found = this.calls.find(task, id);
		if (found.isEmpty()) {
			return notFound(task, id);
		}
		try {
			found.get().cancel();
			return Responses.noContent();
		}
		catch (AlreadyCalledException | AlreadyCancelledException ex) {
			return this.calls.find(task, id).isPresent()
					? Responses.conflict("Durable call " + task + "/" + id + " is running; it cannot be cancelled")
					: notFound(task, id);
		}
	}

	private static WebEndpointResponse<Object> notFound(String task, String id) {
		return Responses.notFound("No durable call " + task + "/" + id + " (it ran, was cancelled, or never existed)");
	}

	/**
	 * The list.
	 * @param total how many calls the table holds
	 * @param limit the limit applied
	 * @param calls the calls shown
	 */
	public record DurableCallsDescriptor(long total, int limit, List<DurableCallDescriptor> calls) {
	}

	/**
	 * One call, without its payload.
	 * @param task the task name
	 * @param id the call's id
	 * @param dueAt when it is due (wall clock)
	 * @param dueInMs milliseconds until due (negative when overdue)
	 * @param picked whether an instance is running it
	 * @param pickedBy the instance running it
	 * @param consecutiveFailures how many runs in a row failed
	 * @param lastFailure when the last failed run ended
	 * @param failed whether its retries are used up (kept, never run again)
	 */
	public record DurableCallDescriptor(String task, String id, @Nullable Instant dueAt, @Nullable Long dueInMs,
			boolean picked, @Nullable String pickedBy, int consecutiveFailures, @Nullable Instant lastFailure,
			boolean failed) {

		static DurableCallDescriptor of(DurableCall call, Instant now) {
			boolean failed = call.failed();
			return new DurableCallDescriptor(call.task(), call.id(), failed ? null : call.getTime(),
					failed ? null : Duration.between(now, call.getTime()).toMillis(), call.picked(), call.pickedBy(),
					call.consecutiveFailures(), call.lastFailure(), failed);
		}

	}

}
