package dev.reactortime.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.reactortime.LoopingCall;
import dev.reactortime.LoopingCallStats;
import dev.reactortime.Reactor;
import dev.reactortime.Schedule;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code loopingcalls} endpoint: the reactor's loops (those running, and the named ones that ran before), one of
 * them, and stopping, starting or resetting one.
 *
 * <ul>
 * <li>{@code GET /actuator/loopingcalls}: every loop, by name;
 * <li>{@code GET /actuator/loopingcalls/{name}}: one loop;
 * <li>{@code DELETE /actuator/loopingcalls/{name}}: stops a running loop ({@code 204});
 * <li>{@code POST /actuator/loopingcalls/{name}} with {@code action=reset} restarts a running loop's grid from now
 * (Twisted's {@code reset()}); with {@code action=start} starts a stopped loop again with the interval (or cron
 * schedule) it last had, an interval loop's first call due at once ({@code now=false} waits one interval first, as
 * {@code start(interval, now=False)}); {@code action=pause} and {@code action=resume} pause and resume a running loop
 * (paused ticks are skipped and counted, the grid is kept); {@code action=run-now} runs its body once more now,
 * leaving the grid alone. Each answers {@code 200} with the loop as it is afterwards.
 * </ul>
 * An unknown name gets {@code 404}; a missing or unknown action or a {@code now} other than {@code true} or
 * {@code false} gets {@code 400}; stopping, resetting, pausing, resuming or running now a stopped loop, running now a
 * loop whose body is running, starting a running one (or one never started, which has no schedule), and addressing a
 * name that several loops share get {@code 409}. Responses never show a
 * body's arguments or results; a failed call shows its exception's class and message.
 *
 * <p>Read-only by default: {@code management.endpoint.loopingcalls.access=unrestricted} allows the write operations.
 */
@WebEndpoint(id = "loopingcalls", defaultAccess = Access.READ_ONLY)
public class LoopingCallsEndpoint {

	private static final Set<String> ACTIONS = Set.of("start", "reset", "pause", "resume", "run-now");

	private final Reactor reactor;

	/**
	 * The endpoint of a reactor.
	 * @param reactor the reactor
	 */
	public LoopingCallsEndpoint(Reactor reactor) {
		this.reactor = Objects.requireNonNull(reactor, "reactor must not be null");
	}

	/**
	 * Every loop of the reactor, by name.
	 * @return the loops
	 */
	@ReadOperation
	public LoopingCallsDescriptor loopingCalls() {
		return new LoopingCallsDescriptor(
				this.reactor.getLoopingCalls().stream().map(LoopingCallDescriptor::of).toList());
	}

	/**
	 * One loop.
	 * @param name the loop's name
	 * @return the loop, {@code 404} for an unknown name or {@code 409} for a name several loops share
	 */
	@ReadOperation
	public WebEndpointResponse<Object> loopingCall(@Selector String name) {
		Found found = find(name);
		return (found.loop != null) ? Responses.ok(LoopingCallDescriptor.of(found.loop)) : found.refusal();
	}

	/**
	 * Stops a loop.
	 * @param name the loop's name
	 * @return {@code 204} when stopped, {@code 404} for an unknown name, {@code 409} when it is not running
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> stop(@Selector String name) {
		Found found = find(name);
		LoopingCall loop = found.loop;
		if (loop == null) {
			return found.refusal();
		}
		try {
			loop.stop();
		}
		catch (IllegalStateException ex) {
			return notRunning(name);
		}
		return Responses.noContent();
	}

	/**
	 * Starts, resets, pauses, resumes or runs a loop now.
	 * @param name the loop's name
	 * @param action {@code start}, {@code reset}, {@code pause}, {@code resume} or {@code run-now}
	 * @param now for {@code start}: {@code true} (the default) for a first call due at once, {@code false} to wait one
	 * interval
	 * @return the loop afterwards, or {@code 400}, {@code 404} or {@code 409}
	 */
	// Both @Nullable: Boot 4 takes either as "optional"; Boot 3.5 only Spring's (deprecated in Spring 7) and
	// would answer 400 to a request that leaves the parameter out.
	@SuppressWarnings("deprecation")
	@WriteOperation
	public WebEndpointResponse<Object> act(@Selector String name,
			@org.springframework.lang.Nullable @Nullable String action,
			@org.springframework.lang.Nullable @Nullable String now) {
		String verb = (action != null) ? action.trim().toLowerCase(Locale.ROOT) : "";
		if (!ACTIONS.contains(verb)) {
			return Responses.badRequest("action must be 'start', 'reset', 'pause', 'resume' or 'run-now'");
		}
		Boolean startNow = parseBoolean(now);
		if (startNow == null) {
			return Responses.badRequest("now must be 'true' or 'false'");
		}
		Found found = find(name);
		LoopingCall loop = found.loop;
		if (loop == null) {
			return found.refusal();
		}
		return switch (verb) {
			case "start" -> start(loop, startNow);
			case "reset" -> reset(loop);
			default -> control(loop, verb);
		};
	}

	private WebEndpointResponse<Object> control(LoopingCall loop, String verb) {
		try {
			switch (verb) {
				case "pause" -> loop.pause();
				case "resume" -> loop.resume();
				default -> loop.runNow();
			}
		}
		catch (IllegalStateException ex) {
			// Not running, or (run-now) its body is running or a run-now is pending: the loop says which.
			return Responses.conflict(ex.getMessage());
		}
		return Responses.ok(LoopingCallDescriptor.of(loop));
	}

	private WebEndpointResponse<Object> start(LoopingCall loop, boolean now) {
		Duration interval = loop.interval();
		Schedule schedule = loop.schedule();
		if (interval == null && schedule == null) {
			return Responses.conflict("Loop '" + loop.name() + "' has never been started, so it has no interval");
		}
		try {
			// The future is the loop's own business: a failure is logged by the reactor like any other.
			if (interval != null) {
				loop.start(interval, now);
			}
			else {
				loop.start(Objects.requireNonNull(schedule));
			}
		}
		catch (IllegalStateException ex) {
			return Responses.conflict("Loop '" + loop.name() + "' cannot start: it is running, or the reactor is "
					+ "shutting down");
		}
		return Responses.ok(LoopingCallDescriptor.of(loop));
	}

	private WebEndpointResponse<Object> reset(LoopingCall loop) {
		try {
			loop.reset();
		}
		catch (IllegalStateException ex) {
			return notRunning(loop.name());
		}
		return Responses.ok(LoopingCallDescriptor.of(loop));
	}

	private Found find(String name) {
		List<LoopingCall> loops = this.reactor.getLoopingCalls()
			.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.toList();
		return new Found(name, (loops.size() == 1) ? loops.get(0) : null, loops.size());
	}

	private static @Nullable Boolean parseBoolean(@Nullable String value) {
		if (value == null || value.equalsIgnoreCase("true")) {
			return Boolean.TRUE;
		}
		return value.equalsIgnoreCase("false") ? Boolean.FALSE : null;
	}

	private static WebEndpointResponse<Object> notRunning(String name) {
		return Responses.conflict("Loop '" + name + "' is not running");
	}

	private record Found(String name, @Nullable LoopingCall loop, int count) {

		WebEndpointResponse<Object> refusal() {
			return (this.count == 0) ? Responses.notFound("No loop is named '" + this.name + "'")
					: Responses.conflict(this.count + " loops are named '" + this.name
							+ "'; give them names of their own to address them");
		}

	}

	/**
	 * The loops.
	 *
	 * @param loops every loop, by name
	 */
	public record LoopingCallsDescriptor(List<LoopingCallDescriptor> loops) {

	}

	/**
	 * A loop.
	 *
	 * @param name its name
	 * @param interval its current or last interval (ISO-8601, such as {@code PT1S}), or {@code null} before it first
	 * started
	 * @param running whether it is started and not stopped
	 * @param calls how many times its body has been called
	 * @param skipped how many grid points it missed because it ran late
	 * @param lastStart when its body last started, or {@code null}
	 * @param lastDurationMs how long its last completed call took, in milliseconds, or {@code null}
	 * @param lastOutcome the outcome of its last completed call, or {@code null}
	 * @param nextDueAt when its next call is due, or {@code null} if none is pending
	 * @param lock the name of the lock each tick takes first ({@code @SchedulerLock}), or {@code null}
	 * @param lockedOut how many ticks were skipped here because another instance held the lock or its store failed
	 * @param schedule the schedule of a loop that does not run every interval, such as
	 * {@code cron 0 30 2 * * * Europe/Berlin}, or {@code null}
	 * @param paused whether it is paused (its ticks are skipped and counted)
	 */
	public record LoopingCallDescriptor(String name, @Nullable String interval, boolean running, long calls,
			long skipped, @Nullable Instant lastStart, @Nullable Double lastDurationMs,
			@Nullable OutcomeDescriptor lastOutcome, @Nullable Instant nextDueAt, @Nullable String lock,
			long lockedOut, @Nullable String schedule, boolean paused) {

		/**
		 * A loop without a lock.
		 * @param name its name
		 * @param interval its interval, or {@code null}
		 * @param running whether it is running
		 * @param calls how many times its body has been called
		 * @param skipped how many grid points it missed
		 * @param lastStart when its body last started, or {@code null}
		 * @param lastDurationMs how long its last completed call took, or {@code null}
		 * @param lastOutcome the outcome of its last completed call, or {@code null}
		 * @param nextDueAt when its next call is due, or {@code null}
		 */
		public LoopingCallDescriptor(String name, @Nullable String interval, boolean running, long calls, long skipped,
				@Nullable Instant lastStart, @Nullable Double lastDurationMs, @Nullable OutcomeDescriptor lastOutcome,
				@Nullable Instant nextDueAt) {
			this(name, interval, running, calls, skipped, lastStart, lastDurationMs, lastOutcome, nextDueAt, null, 0,
					null, false);
		}

		static LoopingCallDescriptor of(LoopingCall loop) {
			boolean running = loop.isRunning();
			Duration interval = loop.interval();
			Schedule schedule = loop.schedule();
			LoopingCallStats stats = loop.stats();
			Duration lastDuration = stats.lastDuration();
			return new LoopingCallDescriptor(loop.name(), (interval != null) ? interval.toString() : null, running,
					stats.calls(), stats.skipped(), stats.lastStart(),
					(lastDuration != null) ? lastDuration.toNanos() / 1_000_000.0 : null,
					(lastDuration != null) ? OutcomeDescriptor.of(stats.lastError()) : null, stats.nextDueAt(),
					loop.lockName(), stats.lockedOut(),
					(schedule != null && interval == null) ? schedule.toString() : null, loop.isPaused());
		}

	}

	/**
	 * How a call ended.
	 *
	 * @param status {@code success} or {@code error}
	 * @param exception the class of the exception it threw, or {@code null}
	 * @param message the exception's message, or {@code null}
	 */
	public record OutcomeDescriptor(String status, @Nullable String exception, @Nullable String message) {

		static OutcomeDescriptor of(@Nullable Throwable error) {
			return (error != null) ? new OutcomeDescriptor("error", error.getClass().getName(), error.getMessage())
					: new OutcomeDescriptor("success", null, null);
		}

	}

}
