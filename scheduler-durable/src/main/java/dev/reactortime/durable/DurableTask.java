package dev.reactortime.durable;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of a durable task: {@code @DurableTask("send-reminder")} on a method with one
 * parameter, the payload (a record or any type Jackson can write and read). {@link DurableCalls#callLater} names
 * the task; the handler runs once the call is due, on whichever instance picks it.
 *
 * <p>The method is called on one of db-scheduler's executor threads, never on the reactor thread. An exception it
 * throws is retried with exponential back-off up to the configured limit, then the call is kept as failed. A run
 * cut off by a crash of its instance runs again elsewhere, so a handler should be idempotent (at least once for
 * crashed runs).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DurableTask {

	/**
	 * Name of the task, unique in the application: what {@link DurableCalls#callLater} names, what the table's
	 * {@code task_name} column holds and what metrics and endpoints show.
	 * @return the task name, not blank
	 */
	String value();

}
