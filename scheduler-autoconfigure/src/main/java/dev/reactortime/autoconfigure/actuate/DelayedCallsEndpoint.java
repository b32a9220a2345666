package dev.reactortime.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.reactortime.AlreadyCalledException;
import dev.reactortime.AlreadyCancelledException;
import dev.reactortime.CallKind;
import dev.reactortime.DelayedCall;
import dev.reactortime.Reactor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code delayedcalls} endpoint: the reactor's pending calls, one of them, and cancelling one.
 *
 * <ul>
 * <li>{@code GET /actuator/delayedcalls[?limit=n]}: the pending calls in due order (the first {@code limit}, default
 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}; a larger limit is capped, {@code 0} gives only the total) and
 * their {@code total};
 * <li>{@code GET /actuator/delayedcalls/{id}}: one pending call;
 * <li>{@code DELETE /actuator/delayedcalls/{id}}: cancels a pending call ({@code 204}); a {@code deferLater} call's
 * future is cancelled with it. The tick of a loop is stopped through {@code loopingcalls}, so it gets {@code 409}.
 * </ul>
 * A malformed id or limit gets {@code 400}; an id that is unknown, called or cancelled gets {@code 404} (of two
 * concurrent cancels of one call, one succeeds and the other gets {@code 404}). Responses show a call's id, name,
 * kind, due time and source, never its task, arguments or results.
 *
 * <p>Read-only by default: {@code management.endpoint.delayedcalls.access=unrestricted} allows cancelling.
 */
@WebEndpoint(id = "delayedcalls", defaultAccess = Access.READ_ONLY)
public class DelayedCallsEndpoint {

	/** How many calls a list shows when the request names no limit. */
	public static final int DEFAULT_LIMIT = 100;

	/** The most calls a list shows, whatever limit is asked for. */
	public static final int MAX_LIMIT = 1000;

	private final Reactor reactor;

	/**
	 * The endpoint of a reactor.
	 * @param reactor the reactor
	 */
	public DelayedCallsEndpoint(Reactor reactor) {
		this.reactor = Objects.requireNonNull(reactor, "reactor must not be null");
	}

	/**
	 * The pending calls in due order.
	 * @param limit how many to list, a whole number (default {@value #DEFAULT_LIMIT}, capped at {@value #MAX_LIMIT})
	 * @return the calls and their total, or {@code 400} for a bad limit
	 */
	// Both @Nullable: Boot 4 takes either as "optional"; Boot 3.5 only Spring's (deprecated in Spring 7) and
	// would answer 400 to a request that leaves the parameter out.
	@SuppressWarnings("deprecation")
	@ReadOperation
	public WebEndpointResponse<Object> delayedCalls(@org.springframework.lang.Nullable @Nullable String limit) {
		int max;
		if (limit == null) {
			max = DEFAULT_LIMIT;
		}
		else if (isDigits(limit)) {
			// Measured as text first: a limit too long for an int is huge, not malformed.
			String digits = limit.replaceFirst("^0+(?=.)", "");
			max = (digits.length() > 9) ? MAX_LIMIT : Math.min(Integer.parseInt(digits), MAX_LIMIT);
		}
		else {
			return Responses.badRequest("limit must be a whole number from 0 (capped at " + MAX_LIMIT + ")");
		}
		Instant now = this.reactor.now();
		List<DelayedCall> calls = this.reactor.getDelayedCalls();
		List<DelayedCallDescriptor> shown = calls.stream()
			.limit(max)
			.map((call) -> DelayedCallDescriptor.of(call, now))
			.toList();
		return Responses.ok(new DelayedCallsDescriptor(calls.size(), max, shown));
	}

	/**
	 * One pending call.
	 * @param id the call's id
	 * @return the call, {@code 400} for a malformed id or {@code 404} when no such call is pending
	 */
	@ReadOperation
	public WebEndpointResponse<Object> delayedCall(@Selector String id) {
		Long parsed = parseId(id);
		if (parsed == null) {
			return malformedId();
		}
		return find(parsed).<WebEndpointResponse<Object>>map(
				(call) -> Responses.ok(DelayedCallDescriptor.of(call, this.reactor.now())))
			.orElseGet(() -> notPending(parsed));
	}

	/**
	 * Cancels a pending call.
	 * @param id the call's id
	 * @return {@code 204} when cancelled, {@code 400} for a malformed id, {@code 404} when no such call is pending,
	 * {@code 409} for a loop's tick
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> cancel(@Selector String id) {
		Long parsed = parseId(id);
		if (parsed == null) {
			return malformedId();
		}
		Optional<DelayedCall> found = find(parsed);
		if (found.isEmpty()) {
			return notPending(parsed);
		}
		DelayedCall call = found.get();
		if (call.kind() == CallKind.LOOPING) {
			return Responses.conflict("Call " + parsed + " is the next tick of loop '" + call.name()
					+ "'; stop the loop with DELETE /actuator/loopingcalls/{name}");
		}
		try {
			call.cancel();
		}
		catch (AlreadyCalledException | AlreadyCancelledException ex) {
			// Ran or was cancelled since it was found: it is no longer pending.
			return notPending(parsed);
		}
		return Responses.noContent();
	}

	private Optional<DelayedCall> find(long id) {
		for (DelayedCall call : this.reactor.getDelayedCalls()) {
			if (call.id() == id) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

	/** The id as a number, or {@code null} unless it is 1 to 19 digits that fit a {@code long}. */
	private static @Nullable Long parseId(String id) {
		if (id.length() > 19 || !isDigits(id)) {
			return null;
		}
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			return null; // 19 digits above Long.MAX_VALUE
		}
	}

	private static boolean isDigits(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static WebEndpointResponse<Object> malformedId() {
		return Responses.badRequest("id must be a call's id: a whole number");
	}

	private static WebEndpointResponse<Object> notPending(long id) {
		return Responses.notFound("No call with id " + id + " is pending");
	}

	/**
	 * The pending calls.
	 *
	 * @param total how many calls are pending
	 * @param limit how many the list shows at most
	 * @param calls the first {@code limit} pending calls, in due order
	 */
	public record DelayedCallsDescriptor(int total, int limit, List<DelayedCallDescriptor> calls) {

	}

	/**
	 * A pending call.
	 *
	 * @param id its id, unique within the reactor
	 * @param name its name (an annotation's, an explicit one, or {@code unnamed})
	 * @param kind {@code call}, {@code looping} or {@code deferred}
	 * @param dueAt when it is due, on the reactor's clock
	 * @param dueInMs milliseconds until it is due (negative when overdue)
	 * @param source {@code bean#method} for annotated methods, {@code programmatic} otherwise
	 * @param lock the name of the lock the call takes before it runs ({@code @SchedulerLock}), or {@code null}
	 */
	public record DelayedCallDescriptor(long id, String name, String kind, Instant dueAt, long dueInMs,
			String source, @Nullable String lock) {

		/**
		 * A pending call without a lock.
		 * @param id its id
		 * @param name its name
		 * @param kind its kind
		 * @param dueAt when it is due
		 * @param dueInMs milliseconds until it is due
		 * @param source where it comes from
		 */
		public DelayedCallDescriptor(long id, String name, String kind, Instant dueAt, long dueInMs, String source) {
			this(id, name, kind, dueAt, dueInMs, source, null);
		}

		static DelayedCallDescriptor of(DelayedCall call, Instant now) {
			Instant dueAt = call.getTime();
			return new DelayedCallDescriptor(call.id(), call.name(), call.kind().tag(), dueAt,
					Duration.between(now, dueAt).toMillis(), call.source(), call.lockName());
		}

	}

}
