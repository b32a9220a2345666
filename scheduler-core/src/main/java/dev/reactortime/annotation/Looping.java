package dev.reactortime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Calls the annotated bean method every {@link #interval()}, or at the times of a {@link #cron()} expression: a
 * Twisted {@code LoopingCall} started with the application context and stopped when it closes (or when the bean is
 * destroyed). Exactly one of {@code interval} and {@code cron} is given.
 *
 * <p>The method may take no parameters, an {@code int} or {@code long} (the number of intervals, or cron times,
 * passed since its last call, as with {@code LoopingCall.withCount}), and/or the {@code LoopingCall} itself (so it
 * can stop itself). A method returning a {@code CompletionStage} holds the next call back until the stage completes.
 * Missed intervals are skipped, never bunched.
 *
 * <p>A cron loop follows the wall clock in its {@link #zone()}: a time inside a daylight-saving gap runs once at the
 * end of the gap, a time repeated when the clocks go back runs once (see the auto-configuration's
 * {@code CronSchedule}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Looping {

	/**
	 * Interval between calls, for example {@code 1s}, {@code 500ms}, {@code PT1M} or {@code ${my.interval}}; empty
	 * when {@link #cron()} is given.
	 * @return the interval
	 */
	String interval() default "";

	/**
	 * Cron expression in Spring's six-field format ({@code second minute hour day-of-month month day-of-week}, such as
	 * {@code 0 0 2 * * *}) or a macro such as {@code @daily}; empty when {@link #interval()} is given. Placeholders
	 * are resolved.
	 * @return the cron expression
	 */
	String cron() default "";

	/**
	 * Time zone of {@link #cron()}, such as {@code Europe/Berlin}; empty for the system's zone. Only with {@code cron}.
	 * @return the zone id
	 */
	String zone() default "";

	/**
	 * How long after the context has started the loop begins: the first call of an interval loop is then due at once
	 * (it replaces {@link #now()}), a cron loop's at its first time after the delay. Empty for none.
	 * @return the initial delay, such as {@code 10s}
	 */
	String initialDelay() default "";

	/**
	 * Whether the first call of an interval loop is due at once ({@code true}, Twisted's default) or one interval
	 * after start. Ignored with {@link #cron()} or {@link #initialDelay()}.
	 * @return whether to call at once
	 */
	boolean now() default true;

	/**
	 * Name shown by metrics and endpoints (the endpoints address loops by it); defaults to
	 * {@code beanName.methodName}.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Name of an {@code Executor} bean to run the method on instead of the reactor thread (for blocking work); the
	 * loop waits for each call to finish before it schedules the next.
	 * @return the executor bean name, or empty for the reactor thread
	 */
	String executor() default "";

	/**
	 * What an exception thrown by the method does to the loop.
	 * @return the error policy
	 */
	OnError onError() default OnError.STOP;

	/**
	 * What an exception thrown by a looping method does.
	 */
	enum OnError {

		/** Stop the loop (Twisted's behaviour); the exception is logged and counted. */
		STOP,

		/** Log and count the exception and keep looping. */
		CONTINUE

	}

}
