package dev.reactortime.durable;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * One declared task: name, payload type and handler, and how it becomes a db-scheduler one-time task (failures
 * retried with back-off then kept as failed; dead executions revived).
 */
final class DurableTaskDefinition<T> {

	private static final System.Logger logger = System.getLogger(DurableCalls.class.getName());

	private final String name;

	private final Class<T> payloadType;

	private final Consumer<? super T> handler;

	DurableTaskDefinition(String name, Class<T> payloadType, Consumer<? super T> handler) {
		this.name = name;
		this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
		this.handler = Objects.requireNonNull(handler, "handler");
		if (payloadType.isPrimitive()) {
			throw new IllegalArgumentException("Payload type of durable task '" + name
					+ "' must not be primitive: " + payloadType + " (use its wrapper)");
		}
	}

	/**
	 * A task instance for {@code payload}, written and read back as JSON here so that a payload of the wrong type
	 * or one Jackson cannot handle fails the caller at once, naming the task.
	 */
	TaskInstance<T> instance(String id, Object payload, ObjectMapper mapper) {
		if (!this.payloadType.isInstance(payload)) {
			throw new IllegalArgumentException("Payload of durable task '" + this.name + "' must be a "
					+ this.payloadType.getName() + ", not a " + payload.getClass().getName());
		}
		try {
			byte[] json = mapper.writeValueAsBytes(payload);
			mapper.readValue(json, this.payloadType);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("Payload of durable task '" + this.name + "' (a "
					+ payload.getClass().getName() + ") cannot be written and read as JSON: " + ex.getMessage(), ex);
		}
		return new TaskInstance<>(this.name, id, this.payloadType.cast(payload));
	}

	OneTimeTask<T> toTask(int maxRetries, Duration backoff, double rate, DurableCallListener listener,
			Supplier<Instant> clock) {
		return Tasks.oneTime(this.name, this.payloadType)
			.onFailure(new RetryThenKeep<>(this.name, maxRetries, backoff, rate))
			.onDeadExecutionRevive()
			.execute((instance, context) -> run(instance, context.getExecution().getExecutionTime(), listener, clock));
	}

	private void run(TaskInstance<T> instance, Instant due, DurableCallListener listener, Supplier<Instant> clock) {
		long lagNanos = Math.max(0, Duration.between(due, clock.get()).toNanos());
		listener.started(this.name, instance.getId(), lagNanos);
		long start = System.nanoTime();
		Throwable error = null;
		try {
			this.handler.accept(instance.getData());
		}
		catch (RuntimeException | Error ex) {
			error = ex;
			throw ex;
		}
		finally {
			listener.finished(this.name, instance.getId(), lagNanos, System.nanoTime() - start, error);
		}
	}

	/** Exponential back-off up to {@code maxRetries}; then the row is kept at {@link DurableCalls#FAILED_TIME}. */
	private static final class RetryThenKeep<T> implements FailureHandler<T> {

		private final String task;

		private final int maxRetries;

		private final Duration backoff;

		private final double rate;

		RetryThenKeep(String task, int maxRetries, Duration backoff, double rate) {
			this.task = task;
			this.maxRetries = maxRetries;
			this.backoff = backoff;
			this.rate = rate;
		}

		@Override
		public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
			int failures = complete.getExecution().consecutiveFailures + 1;
			if (failures <= this.maxRetries) {
				long waitMillis = (long) Math.min(Long.MAX_VALUE / 2,
						this.backoff.toMillis() * Math.pow(this.rate, failures - 1));
				operations.reschedule(complete, complete.getTimeDone().plusMillis(waitMillis));
			}
			else {
				logger.log(Level.WARNING, "Durable call {0}/{1} failed {2} times; kept as failed (retries used up)",
						this.task, complete.getExecution().getId(), failures);
				operations.reschedule(complete, DurableCalls.FAILED_TIME);
			}
		}

	}

}
