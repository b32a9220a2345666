package dev.reactortime.autoconfigure;

import java.beans.Introspector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.ScheduledMethodRunnable;
import org.springframework.scheduling.support.SimpleTriggerContext;

/**
 * A Spring {@link TaskScheduler} on the reactor: what {@code reactortime.task-scheduler.enabled=true} gives
 * {@code @Scheduled} methods (and any other user of {@code TaskScheduler}). Each repeating task is a
 * {@link LoopingCall} named after its method ({@code jobs.report} for {@code Jobs#report}), so it has the lag and
 * duration meters, appears in the {@code loopingcalls} and {@code delayedcalls} endpoints, can be paused and run
 * now, and moves on a {@code VirtualTimeReactor} in tests. Bodies run on the given executor, never on the reactor
 * thread: {@code @Scheduled} methods are allowed to block.
 *
 * <p>Spring's semantics, with one difference:
 * <ul>
 * <li>{@code fixedRate}: calls on the grid {@code start + k·period}, the first at the start time. Where Spring's
 * {@code ThreadPoolTaskScheduler} runs missed periods back to back after a late call, the reactor skips them and
 * counts them ({@code reactortime.looping.skipped}), as every loop does.</li>
 * <li>{@code fixedDelay}: the next call {@code delay} after the previous one finished.</li>
 * <li>{@code cron} and any other {@link Trigger}: the trigger decides each time, read on the reactor's wall clock,
 * so a wall-clock jump moves the pending call; daylight saving follows Spring's {@code CronTrigger}.</li>
 * <li>{@code initialDelay}: Spring passes a start time on {@link #getClock()}, the reactor's wall clock.</li>
 * <li>An exception is logged and counted and the task goes on, as with Spring's default error handler.</li>
 * </ul>
 */
public class ReactorTaskScheduler implements TaskScheduler {

	private static final Pattern QUALIFIED_METHOD = Pattern.compile("[\\w$]+(\\.[\\w$]+)+");

	private static final Pattern NOT_URL_SAFE = Pattern.compile("[^A-Za-z0-9._~-]");

	private final Reactor reactor;

	private final Executor executor;

	private final Clock clock;

	/**
	 * A scheduler on {@code reactor} whose tasks run on {@code executor}.
	 * @param reactor the reactor
	 * @param executor where the bodies run
	 */
	public ReactorTaskScheduler(Reactor reactor, Executor executor) {
		this.reactor = Objects.requireNonNull(reactor, "reactor must not be null");
		this.executor = Objects.requireNonNull(executor, "executor must not be null");
		this.clock = new ReactorClock(reactor, ZoneId.systemDefault());
	}

	/**
	 * The reactor's wall clock: {@code @Scheduled(initialDelay)} start times and triggers are read on it, so virtual
	 * time moves them too.
	 */
	@Override
	public Clock getClock() {
		return this.clock;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		Objects.requireNonNull(trigger, "trigger must not be null");
		LoopingCall loop = this.reactor.loopingCall(options(task), task);
		TriggerSchedule schedule = new TriggerSchedule(trigger);
		CompletableFuture<LoopingCall> done = loop.start(schedule);
		return new LoopFuture(this.reactor, loop, done, null);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		DelayedCall call = this.reactor.callAt(options(task), startTime, task);
		return new CallFuture(this.reactor, call);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		LoopingCall loop = this.reactor.loopingCall(options(task), task);
		return startAt(loop, startTime, () -> loop.start(period, true));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		return scheduleAtFixedRate(task, this.reactor.wallClock(), period);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative but was " + delay);
		}
		LoopingCall loop = this.reactor.loopingCall(options(task), task);
		return startAt(loop, startTime, () -> loop.start(new FixedDelaySchedule(this.reactor, delay), true));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return scheduleWithFixedDelay(task, this.reactor.wallClock(), delay);
	}

	/**
	 * Starts the loop at {@code startTime} on the wall clock: now if it has come, otherwise from a wall-clock call,
	 * which the future cancels too if the task is cancelled before it starts.
	 */
	private ScheduledFuture<?> startAt(LoopingCall loop, Instant startTime, StartAction start) {
		Objects.requireNonNull(startTime, "startTime must not be null");
		if (!startTime.isAfter(this.reactor.wallClock())) {
			return new LoopFuture(this.reactor, loop, start.start(), null);
		}
		CompletableFuture<LoopingCall> done = new CompletableFuture<>();
		DelayedCall starter = this.reactor.callAt(CallOptions.named(loop.name()).withSource("@Scheduled initial delay"),
				startTime, () -> start.start().whenComplete((stopped, failure) -> {
					if (failure != null) {
						done.completeExceptionally(failure);
					}
					else {
						done.complete(stopped);
					}
				}));
		return new LoopFuture(this.reactor, loop, done, starter);
	}

	@FunctionalInterface
	private interface StartAction {

		CompletableFuture<LoopingCall> start();

	}

	private CallOptions options(Runnable task) {
		Objects.requireNonNull(task, "task must not be null");
		return CallOptions.named(name(task))
			.withSource("@Scheduled " + task)
			.withExecutor(this.executor)
			.withContinueOnError(true);
	}

	/**
	 * Name of a task for metrics and endpoints: {@code jobs.report} for the method {@code Jobs#report} (the default
	 * bean name of the class, then the method), {@code scheduled} for a task that is not a method, so that a lambda's
	 * identity never becomes a tag value.
	 * @param task the task, a {@link ScheduledMethodRunnable} or a wrapper whose {@code toString()} is its method's
	 * @return the name
	 */
	static String name(Runnable task) {
		String qualified = (task instanceof ScheduledMethodRunnable method)
				? method.getMethod().getDeclaringClass().getName() + "." + method.getMethod().getName()
				: String.valueOf(task);
		if (!QUALIFIED_METHOD.matcher(qualified).matches()) {
			return "scheduled";
		}
		int dot = qualified.lastIndexOf('.');
		String type = qualified.substring(0, dot);
		String simple = type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
		return NOT_URL_SAFE.matcher(Introspector.decapitalize(simple) + qualified.substring(dot)).replaceAll("-");
	}

	/**
	 * The reactor's wall clock as a {@link Clock}.
	 */
	private static final class ReactorClock extends Clock {

		private final Reactor reactor;

		private final ZoneId zone;

		ReactorClock(Reactor reactor, ZoneId zone) {
			this.reactor = reactor;
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new ReactorClock(this.reactor, zone);
		}

		@Override
		public Instant instant() {
			return this.reactor.wallClock();
		}

	}

	/**
	 * A Spring {@link Trigger} as a schedule: asked for the instant after {@code after}, it answers as if the last
	 * execution had been scheduled, run and completed then (the loop asks again for each instant it skips).
	 */
	private static final class TriggerSchedule implements dev.reactortime.Schedule {

		private final Trigger trigger;

		TriggerSchedule(Trigger trigger) {
			this.trigger = trigger;
		}

		@Override
		public @Nullable Instant next(Instant after) {
			return this.trigger.nextExecution(new SimpleTriggerContext(after, after, after));
		}

		@Override
		public String toString() {
			return this.trigger.toString();
		}

	}

	/**
	 * Spring's fixed delay: the next call {@code delay} after the wall clock at the time it is asked, which the loop
	 * does when the previous body has finished.
	 */
	private static final class FixedDelaySchedule implements dev.reactortime.Schedule {

		private final Reactor reactor;

		private final Duration delay;

		FixedDelaySchedule(Reactor reactor, Duration delay) {
			this.reactor = reactor;
			// Zero would give an instant the loop counts as passed already: one nanosecond is "at once, after".
			this.delay = delay.isZero() ? Duration.ofNanos(1) : delay;
		}

		@Override
		public Instant next(Instant after) {
			Instant now = this.reactor.wallClock();
			return (now.isAfter(after) ? now : after).plus(this.delay);
		}

		@Override
		public String toString() {
			return "fixed delay " + this.delay;
		}

	}

	/**
	 * The future of a repeating task: cancelling it stops the loop (or the pending start).
	 */
	private static final class LoopFuture implements ScheduledFuture<Object> {

		private final Reactor reactor;

		private final LoopingCall loop;

		private final CompletableFuture<LoopingCall> done;

		private final @Nullable DelayedCall starter;

		private volatile boolean cancelled;

		LoopFuture(Reactor reactor, LoopingCall loop, CompletableFuture<LoopingCall> done,
				@Nullable DelayedCall starter) {
			this.reactor = reactor;
			this.loop = loop;
			this.done = done;
			this.starter = starter;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			if (this.cancelled || this.done.isDone()) {
				return false;
			}
			this.cancelled = true;
			DelayedCall starter = this.starter;
			if (starter != null && starter.active()) {
				try {
					starter.cancel();
				}
				catch (IllegalStateException ex) {
					// It has just run: the loop is starting; it is stopped below.
				}
			}
			try {
				if (this.loop.isRunning()) {
					this.loop.stop();
				}
			}
			catch (IllegalStateException ex) {
				// Stopped meanwhile (the reactor closed): nothing left to stop.
			}
			this.done.cancel(false);
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.cancelled || this.done.isDone();
		}

		@Override
		public Object get() throws InterruptedException, ExecutionException {
			if (this.cancelled) {
				throw new CancellationException();
			}
			return this.done.get();
		}

		@Override
		public Object get(long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException, TimeoutException {
			if (this.cancelled) {
				throw new CancellationException();
			}
			return this.done.get(timeout, unit);
		}

		@Override
		public long getDelay(TimeUnit unit) {
			Instant next = this.loop.stats().nextDueAt();
			if (next == null && this.starter != null && this.starter.active()) {
				next = this.starter.getTime();
			}
			return (next != null) ? unit.convert(Duration.between(this.reactor.now(), next)) : 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

	/**
	 * The future of a one-shot task.
	 */
	private static final class CallFuture implements ScheduledFuture<Object> {

		private final Reactor reactor;

		private final DelayedCall call;

		private volatile boolean cancelled;

		CallFuture(Reactor reactor, DelayedCall call) {
			this.reactor = reactor;
			this.call = call;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			try {
				this.call.cancel();
				this.cancelled = true;
				return true;
			}
			catch (IllegalStateException ex) {
				return false;
			}
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return !this.call.active();
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException("The reactor does not wait for a scheduled task's result");
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException("The reactor does not wait for a scheduled task's result");
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return this.call.active() ? unit.convert(Duration.between(this.reactor.now(), this.call.getTime())) : 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
