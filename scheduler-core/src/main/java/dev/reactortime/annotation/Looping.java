package dev.reactortime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Calls the annotated bean method every {@link #interval()}: a Twisted {@code LoopingCall} started with the
 * application context and stopped when it closes (or when the bean is destroyed).
 *
 * <p>The method may take no parameters, an {@code int} or {@code long} (the number of intervals passed since its
 * last call, as with {@code LoopingCall.withCount}), and/or the {@code LoopingCall} itself (so it can stop
 * itself). A method returning a {@code CompletionStage} holds the next call back until the stage completes.
 * Missed intervals are skipped, never bunched.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Looping {

	/**
	 * Interval between calls, for example {@code 1s}, {@code 500ms}, {@code PT1M} or {@code ${my.interval}}.
	 * @return the interval
	 */
	String interval();

	/**
	 * Whether the first call is due at once ({@code true}, Twisted's default) or one interval after start.
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
