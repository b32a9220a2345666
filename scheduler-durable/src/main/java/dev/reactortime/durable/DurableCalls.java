package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import org.jspecify.annotations.Nullable;

/**
 * Durable delayed calls: Twisted's {@code callLater} for calls that must outlive the instance, kept in
 * db-scheduler's {@code scheduled_tasks} table.
 *
 * <pre>{@code
 * DurableCalls calls = DurableCalls.builder(dataSource)
 *         .task("send-reminder", Reminder.class, reminder -> mailer.send(reminder))
 *         .reactor(reactor)
 *         .build();
 * calls.start();
 * DurableCall call = calls.callLater("send-reminder", "order-42", Duration.ofHours(24), new Reminder("ada"));
 * calls.find("send-reminder", "order-42").ifPresent(DurableCall::cancel);
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>A call that completes runs exactly once across all instances on the table and across restarts: db-scheduler
 * picks a row in one transaction (with PostgreSQL, {@code select … for update skip locked}) before running it.</li>
 * <li>A call due while every instance was down runs at the next start, at once, in due order.</li>
 * <li>A run cut off by a crash is revived by db-scheduler once its heartbeats stop (after
 * {@code heartbeatInterval × missedHeartbeatsLimit}) and runs again: at least once for crashed runs.</li>
 * <li>A handler that throws is retried with exponential back-off, {@code maxRetries} times; then the call is kept
 * as failed ({@link DurableCall#failed()}), visible and deletable.</li>
 * </ul>
 *
 * <h2>On time</h2>
 * db-scheduler looks for due rows once per polling interval (10 s by default), so alone its lag is up to that
 * interval. With a {@link #builder(DataSource) reactor}, this class reads the due times of the next window from
 * the table every {@code wakeUpRefresh} (and learns those scheduled here at once) and, on the reactor, calls
 * {@code Scheduler.triggerCheckForDueExecutions()} at each of them. The pick stays db-scheduler's, so exactly-once
 * is untouched; only the moment it looks changes.
 *
 * <p>Thread-safe. {@link #close()} stops db-scheduler, waiting for running handlers.
 */
public final class DurableCalls implements AutoCloseable {

	/** Due time of a call whose retries are used up: kept in the table, never picked. */
	public static final Instant FAILED_TIME = Instant.parse("9999-01-01T00:00:00Z");

	/** db-scheduler's default table name. */
	public static final String DEFAULT_TABLE = "scheduled_tasks";

	private final Scheduler scheduler;

	private final DurableStore store;

	private final Map<String, DurableTaskDefinition<?>> tasks;

	private final ObjectMapper objectMapper;

	private final @Nullable WakeUps wakeUps;

	private final @Nullable VirtualWakeUps virtualWakeUps;

	private final @Nullable VirtualTimeReactor virtualReactor;

	private final String instanceName;

	private volatile boolean started;

	private volatile boolean closed;

	private DurableCalls(Builder builder) {
		this.objectMapper = builder.objectMapper;
		this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tasks));
		this.store = new DurableStore(builder.dataSource, builder.tableName);
		this.instanceName = builder.instanceName;
		Reactor reactor = builder.reactor;
		this.virtualReactor = (reactor instanceof VirtualTimeReactor virtual) ? virtual : null;
		List<Task<?>> known = new ArrayList<>();
		for (DurableTaskDefinition<?> task : this.tasks.values()) {
			known.add(task.toTask(builder.maxRetries, builder.retryBackoff, builder.retryBackoffRate,
					builder.listener, this::wallClock));
		}
		if (this.virtualReactor != null) {
			SettableClock clock = new SettableClock();
			SchedulerBuilder manual = TestHelper.createManualScheduler(builder.dataSource, known)
				.clock(clock)
				.tableName(builder.tableName)
				.serializer(new JsonSerializer(this.objectMapper))
				.schedulerName(new SchedulerName.Fixed(builder.instanceName));
			ManualScheduler scheduler = (ManualScheduler) manual.build();
			this.scheduler = scheduler;
			this.virtualWakeUps = new VirtualWakeUps(this.virtualReactor, clock, scheduler, this.store);
			this.wakeUps = null;
			return;
		}
		this.virtualWakeUps = null;
		SchedulerBuilder scheduler = Scheduler.create(builder.dataSource, known)
			.tableName(builder.tableName)
			.serializer(new JsonSerializer(this.objectMapper))
			.pollingInterval(builder.pollingInterval)
			.heartbeatInterval(builder.heartbeatInterval)
			.missedHeartbeatsLimit(builder.missedHeartbeatsLimit)
			.threads(builder.threads)
			.shutdownMaxWait(builder.shutdownMaxWait)
			.schedulerName(new SchedulerName.Fixed(builder.instanceName));
		if (builder.lockAndFetch) {
			scheduler.pollUsingLockAndFetch(1.0, 4.0);
		}
		this.scheduler = scheduler.build();
		this.wakeUps = (reactor != null)
				? new WakeUps(reactor, this.store, this.scheduler::triggerCheckForDueExecutions, builder.wakeUpRefresh)
				: null;
	}

	/**
	 * A builder for durable calls on the table of {@code dataSource}.
	 * @param dataSource the database holding db-scheduler's table
	 * @return the builder
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * Starts db-scheduler (overdue calls run at once, in due order) and the wake-ups. Does nothing if started.
	 * @throws IllegalStateException if closed
	 */
	public synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException("DurableCalls was closed");
		}
		if (this.started) {
			return;
		}
		this.started = true;
		this.scheduler.start();
		if (this.wakeUps != null) {
			this.wakeUps.start();
		}
		if (this.virtualWakeUps != null) {
			// Overdue calls run at start, as on real time (at the next advance of the reactor).
			this.virtualWakeUps.plan(wallClock());
		}
	}

	/**
	 * Stops the wake-ups and db-scheduler; running handlers finish first (up to the shutdown wait). Pending calls
	 * stay in the table for the next start or another instance. Idempotent.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.wakeUps != null) {
			this.wakeUps.close();
		}
		if (this.started) {
			this.scheduler.stop();
		}
	}

	/**
	 * Schedules a durable call of {@code task} with key {@code id}, due {@code delay} from now (wall clock). The
	 * payload is written as JSON in the table.
	 * @param task the task name, as declared by {@code @DurableTask} or {@link Builder#task}
	 * @param id the call's key within the task (such as {@code order-42})
	 * @param delay the delay, not negative
	 * @param payload what the handler receives, of the task's payload type
	 * @return the call
	 * @throws IllegalArgumentException for an unknown task, a blank id, a negative delay, or a payload of the wrong
	 * type or that cannot be written as JSON
	 * @throws DurableCallExistsException if a call of this task and id exists
	 */
	public DurableCall callLater(String task, String id, Duration delay, Object payload) {
		return schedule(task, id, delay, payload, false);
	}

	/**
	 * Like {@link #callLater}, but an existing call of this task and id that no instance has picked is replaced
	 * (new time and payload).
	 * @param task the task name
	 * @param id the call's key
	 * @param delay the delay, not negative
	 * @param payload the payload
	 * @return the call
	 * @throws IllegalStateException if the existing call is running
	 */
	public DurableCall callLaterOrReplace(String task, String id, Duration delay, Object payload) {
		return schedule(task, id, delay, payload, true);
	}

	/**
	 * The call of {@code task} with key {@code id}, as the table holds it now (also after a restart, from any
	 * instance).
	 * @param task the task name
	 * @param id the call's key
	 * @return the call, or empty once it has run or was cancelled
	 */
	public Optional<DurableCall> find(String task, String id) {
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(id, "id");
		return this.store.find(this, task, id);
	}

	/**
	 * The calls in the table, sorted by due time (failed calls last), picked ones included.
	 * @param limit the most to return
	 * @return the calls
	 */
	public List<DurableCall> list(int limit) {
		return this.store.list(this, limit);
	}

	/**
	 * Number of calls in the table (pending, running and failed).
	 * @return the count
	 */
	public long count() {
		return this.store.count();
	}

	/**
	 * Names of the tasks this instance can run.
	 * @return the task names
	 */
	public Set<String> taskNames() {
		return this.tasks.keySet();
	}

	/**
	 * Name of this instance in the table's {@code picked_by} column.
	 * @return the instance name
	 */
	public String instanceName() {
		return this.instanceName;
	}

	private DurableCall schedule(String task, String id, Duration delay, Object payload, boolean replace) {
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(payload, "payload");
		checkDelay(delay);
		if (id.isBlank()) {
			throw new IllegalArgumentException("id must not be blank (task '" + task + "')");
		}
		if (this.closed) {
			throw new IllegalStateException("DurableCalls was closed; cannot schedule " + task + "/" + id);
		}
		DurableTaskDefinition<?> definition = this.tasks.get(task);
		if (definition == null) {
			throw new IllegalArgumentException("Unknown durable task '" + task + "' (known tasks: " + this.tasks.keySet()
					+ "); declare it with @DurableTask(\"" + task + "\") or DurableCalls.Builder.task");
		}
		TaskInstance<?> instance = definition.instance(id, payload, this.objectMapper);
		Instant at = wallClock().plus(delay).truncatedTo(ChronoUnit.MICROS);
		if (replace) {
			this.scheduler.schedule(instance, at, ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
		}
		else if (!this.scheduler.scheduleIfNotExists(instance, at)) {
			throw new DurableCallExistsException(task, id);
		}
		moved(at);
		return new DurableCall(this, task, id, at, false, null, 0, null);
	}

	DurableStore store() {
		return this.store;
	}

	/** Now on the wall clock, to the microsecond that SQL timestamps keep, so handles equal what the table holds. */
	Instant wallClock() {
		VirtualTimeReactor virtual = this.virtualReactor;
		return ((virtual != null) ? virtual.now() : Instant.now()).truncatedTo(ChronoUnit.MICROS);
	}

	void moved(Instant dueAt) {
		if (this.wakeUps != null) {
			this.wakeUps.plan(dueAt);
		}
		if (this.virtualWakeUps != null) {
			this.virtualWakeUps.plan(dueAt);
		}
	}

	void cancelled(DurableCall call) {
		// Nothing to undo: a wake-up for a cancelled call only makes db-scheduler look once more.
	}

	static void checkDelay(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative: " + delay);
		}
	}

	/** Thrown by {@link #callLater} when a call of the same task and id exists. */
	public static final class DurableCallExistsException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		DurableCallExistsException(String task, String id) {
			super("A durable call " + task + "/" + id + " exists already; cancel it first or use callLaterOrReplace");
		}

	}

	/**
	 * Settings of {@link DurableCalls}; every one has a default but the tasks.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private final Map<String, DurableTaskDefinition<?>> tasks = new LinkedHashMap<>();

		private ObjectMapper objectMapper = JsonSerializer.defaultObjectMapper();

		private @Nullable Reactor reactor;

		private String tableName = DEFAULT_TABLE;

		private String instanceName = new SchedulerName.Hostname().getName() + "-" + ProcessHandle.current().pid();

		private Duration pollingInterval = Duration.ofSeconds(10);

		private Duration heartbeatInterval = Duration.ofMinutes(5);

		private int missedHeartbeatsLimit = 6;

		private int threads = 10;

		private Duration shutdownMaxWait = Duration.ofSeconds(30);

		private int maxRetries = 3;

		private Duration retryBackoff = Duration.ofSeconds(1);

		private double retryBackoffRate = 2.0;

		private Duration wakeUpRefresh = Duration.ofSeconds(1);

		private boolean lockAndFetch = true;

		private DurableCallListener listener = DurableCallListener.NOOP;

		private Builder(DataSource dataSource) {
			this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		}

		/**
		 * Declares a task: its name, payload type and handler.
		 * @param <T> the payload type
		 * @param name the task name, unique
		 * @param payloadType the payload type (Jackson writes and reads it)
		 * @param handler what runs when a call is due
		 * @return this builder
		 * @throws IllegalArgumentException for a blank or duplicate name
		 */
		public <T> Builder task(String name, Class<T> payloadType, Consumer<? super T> handler) {
			Objects.requireNonNull(name, "name");
			if (name.isBlank()) {
				throw new IllegalArgumentException("durable task name must not be blank");
			}
			if (this.tasks.containsKey(name)) {
				throw new IllegalArgumentException("Duplicate durable task name '" + name + "'");
			}
			this.tasks.put(name, new DurableTaskDefinition<>(name, payloadType, handler));
			return this;
		}

		/**
		 * Wakes db-scheduler on this reactor at each due time (see "On time" above). A {@link VirtualTimeReactor}
		 * puts the calls on virtual time, for tests: their clock is the reactor's, and they run on the thread that
		 * advances it, when it reaches their due time (db-scheduler's {@code ManualScheduler}; no threads, no
		 * polling, no heartbeats).
		 * @param reactor the reactor, or {@code null} for db-scheduler's polling alone
		 * @return this builder
		 */
		public Builder reactor(@Nullable Reactor reactor) {
			this.reactor = reactor;
			return this;
		}

		/**
		 * How Jackson writes payloads (default: a plain mapper with Java time support).
		 * @param objectMapper the mapper
		 * @return this builder
		 */
		public Builder objectMapper(ObjectMapper objectMapper) {
			this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
			return this;
		}

		/**
		 * db-scheduler's table (default {@code scheduled_tasks}).
		 * @param tableName the table name
		 * @return this builder
		 */
		public Builder tableName(String tableName) {
			this.tableName = Objects.requireNonNull(tableName, "tableName");
			return this;
		}

		/**
		 * This instance's name in {@code picked_by} (default host name and process id).
		 * @param instanceName the name
		 * @return this builder
		 */
		public Builder instanceName(String instanceName) {
			this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
			return this;
		}

		/**
		 * How often db-scheduler polls when nothing wakes it (default 10 s, db-scheduler's).
		 * @param pollingInterval the interval
		 * @return this builder
		 */
		public Builder pollingInterval(Duration pollingInterval) {
			this.pollingInterval = positive(pollingInterval, "pollingInterval");
			return this;
		}

		/**
		 * How often a running call's heartbeat is written (default 5 min, db-scheduler's).
		 * @param heartbeatInterval the interval
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
			return this;
		}

		/**
		 * How many heartbeats a run may miss before it counts as dead and is revived (default 6).
		 * @param missedHeartbeatsLimit the limit, at least 4 (db-scheduler's minimum)
		 * @return this builder
		 */
		public Builder missedHeartbeatsLimit(int missedHeartbeatsLimit) {
			this.missedHeartbeatsLimit = missedHeartbeatsLimit;
			return this;
		}

		/**
		 * Handler threads of this instance (default 10).
		 * @param threads the number of threads
		 * @return this builder
		 */
		public Builder threads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("threads must be at least 1: " + threads);
			}
			this.threads = threads;
			return this;
		}

		/**
		 * How long {@link #close()} waits for running handlers (default 30 s).
		 * @param shutdownMaxWait the wait
		 * @return this builder
		 */
		public Builder shutdownMaxWait(Duration shutdownMaxWait) {
			this.shutdownMaxWait = Objects.requireNonNull(shutdownMaxWait, "shutdownMaxWait");
			return this;
		}

		/**
		 * Retries of a failing handler before the call is kept as failed (default 3), the first back-off (default
		 * 1 s) and its growth per retry (default 2).
		 * @param maxRetries the retries, not negative
		 * @param firstBackoff the wait before the first retry
		 * @param rate the factor of each next wait, at least 1
		 * @return this builder
		 */
		public Builder retries(int maxRetries, Duration firstBackoff, double rate) {
			if (maxRetries < 0) {
				throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
			}
			if (rate < 1.0) {
				throw new IllegalArgumentException("back-off rate must be at least 1: " + rate);
			}
			this.maxRetries = maxRetries;
			this.retryBackoff = positive(firstBackoff, "firstBackoff");
			this.retryBackoffRate = rate;
			return this;
		}

		/**
		 * How often the due times of the next window are read from the table (default 1 s). Calls scheduled on this
		 * instance are planned at once; this bounds the lag of calls scheduled elsewhere due sooner than it.
		 * @param wakeUpRefresh the interval
		 * @return this builder
		 */
		public Builder wakeUpRefresh(Duration wakeUpRefresh) {
			this.wakeUpRefresh = positive(wakeUpRefresh, "wakeUpRefresh");
			return this;
		}

		/**
		 * Whether db-scheduler picks with one {@code select … for update skip locked} (default, for PostgreSQL,
		 * MySQL 8, Oracle, SQL Server) or with its portable fetch-then-lock (databases without {@code skip locked}).
		 * @param lockAndFetch {@code true} for lock-and-fetch
		 * @return this builder
		 */
		public Builder lockAndFetch(boolean lockAndFetch) {
			this.lockAndFetch = lockAndFetch;
			return this;
		}

		/**
		 * Hears runs on this instance (metrics).
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(DurableCallListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Builds the durable calls, not yet started.
		 * @return the durable calls
		 */
		public DurableCalls build() {
			return new DurableCalls(this);
		}

		private static Duration positive(Duration value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive: " + value);
			}
			return value;
		}

	}

}
