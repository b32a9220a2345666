package dev.reactortime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated bean method once, {@link #delay()} after the application context has started: Twisted's
 * {@code reactor.callLater} as an annotation.
 *
 * <p>The method takes no parameters. If it returns a {@code CompletionStage}, the call counts as finished when the
 * stage completes, and {@link #timeout()} bounds it. Durations accept {@code 3.5s}, {@code 500ms}, ISO-8601
 * {@code PT1S}, plain milliseconds and {@code ${placeholders}}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CallLater {

	/**
	 * Delay after the context has started, for example {@code 3.5s}.
	 * @return the delay
	 */
	String delay();

	/**
	 * Name shown by metrics and endpoints; defaults to {@code beanName.methodName}.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Name of an {@code Executor} bean to run the method on instead of the reactor thread (for blocking work).
	 * @return the executor bean name, or empty for the reactor thread
	 */
	String executor() default "";

	/**
	 * For a method returning a {@code CompletionStage}: how long to wait for it before it is cancelled and
	 * counted as failed with a {@code TimeoutException}. Empty for no timeout.
	 * @return the timeout
	 */
	String timeout() default "";

}
