package dev.reactortime.autoconfigure.lock;

import java.io.File;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.LoopingCallStats;
import dev.reactortime.Reactor;
import dev.reactortime.ReactorListener;
import dev.reactortime.annotation.Looping;
import dev.reactortime.autoconfigure.BootClasses;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.autoconfigure.actuate.DelayedCallsEndpoint;
import dev.reactortime.autoconfigure.actuate.DelayedCallsEndpoint.DelayedCallsDescriptor;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpoint.LoopingCallDescriptor;
import dev.reactortime.autoconfigure.metrics.ReactorMetrics;
import dev.reactortime.autoconfigure.metrics.ReactortimeMetricsAutoConfiguration;
import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Locks across instances on a real PostgreSQL, started by this class (one server for all its tests): several
 * application contexts, each with its own reactor and connection pool, share one {@code shedlock} table through the
 * auto-configured {@link JdbcTemplateLockProvider}; one instance runs in a JVM of its own so that it can be killed.
 *
 * <p>Real time is the point here. The issue asks for a 1 s loop watched for 20 s; these tests watch it for
 * {@value #WATCH_SECONDS} s (the same arithmetic: about N runs with the lock, about 3N without), to keep the build
 * short.
 */
class PostgresLockTests {

	private static final int WATCH_SECONDS = 10;

	private static final String UTC_NOW = "SELECT timezone('utc', clock_timestamp())";

	private static TestPostgres postgres;

	@BeforeAll
	static void startPostgres() {
		TestPostgres.quiet("dev.reactortime.autoconfigure.lock", Level.WARN);
		postgres = TestPostgres.start();
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	private ApplicationContextRunner instance(String name) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootClasses.DATA_SOURCE_AUTO_CONFIGURATION,
					ReactortimeAutoConfiguration.class, ReactortimeLockAutoConfiguration.class,
					ReactortimeMetricsAutoConfiguration.class, BootClasses.METRICS_AUTO_CONFIGURATION,
					BootClasses.COMPOSITE_METER_REGISTRY_AUTO_CONFIGURATION,
					BootClasses.SIMPLE_METRICS_EXPORT_AUTO_CONFIGURATION))
			.withPropertyValues(dataSource())
			.withPropertyValues("reactortime.lock.jdbc.initialize-schema=always", "reactortime.thread.name=rt-" + name);
	}

	/**
	 * Boot's DataSource on the test server: a connection per statement (no pool), so a dead database fails a lock
	 * attempt at once, as a pool with a short connection timeout would.
	 */
	private static String[] dataSource() {
		return new String[] { "spring.datasource.url=" + postgres.jdbcUrl(),
				"spring.datasource.type=" + SimpleDriverDataSource.class.getName() };
	}

	@Test
	void threeInstancesStarted300MillisecondsApartRunALockedLoopOncePerTickAndAnUnlockedOneThreeTimes() {
		Runs runs = new Runs();
		long[] window = new long[2];
		List<String> checks = new CopyOnWriteArrayList<>();
		instance("a").withBean(Instance.class, () -> new Instance("a", runs)).run((a) -> {
			window[0] = System.currentTimeMillis();
			sleep(300);
			instance("b").withBean(Instance.class, () -> new Instance("b", runs)).run((b) -> {
				sleep(300);
				instance("c").withBean(Instance.class, () -> new Instance("c", runs)).run((c) -> {
					// Read the endpoints and meters between two ticks, when no run is under way.
					sleepUntil(window[0] + WATCH_SECONDS * 1000L);
					sleepUntil((System.currentTimeMillis() / 1000 + 1) * 1000 + 400);
					window[1] = System.currentTimeMillis();
					for (ApplicationContext context : List.of(a, b, c)) {
						checks.add(checkEndpointsAndMeters(context));
					}
				});
			});
		});
		List<Long> locked = runs.seconds("locked");
		long from = (window[0] + 999) / 1000;
		long to = window[1] / 1000;
		long gridPoints = to - from + 1;
		Map<Long, Long> perSecond = locked.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		System.out.println("Three instances, 1 s loop, " + gridPoints + " grid points watched: locked body ran "
				+ locked.size() + " times, unlocked body " + runs.seconds("unlocked").size() + " times; by instance "
				+ runs.byInstance("locked"));
		assertThat(perSecond).as("never twice within one grid interval").allSatisfy((second, count) -> assertThat(count).isOne());
		assertThat(locked).hasSizeBetween((int) gridPoints - 1, (int) gridPoints + 1);
		assertThat(runs.seconds("unlocked")).hasSizeBetween((int) (3 * gridPoints - 7), (int) (3 * gridPoints + 3));
		assertThat(checks).containsOnly("ok");
	}

	private static String checkEndpointsAndMeters(ApplicationContext context) {
		Reactor reactor = context.getBean(Reactor.class);
		LoopingCall loop = reactor.getLoopingCalls()
			.stream()
			.filter((candidate) -> candidate.name().equals("locked"))
			.findFirst()
			.orElseThrow();
		LoopingCallStats stats = loop.stats();
		LoopingCallDescriptor descriptor = (LoopingCallDescriptor) new LoopingCallsEndpoint(reactor).loopingCall("locked")
			.getBody();
		assertThat(descriptor.lock()).isEqualTo("cluster-tick");
		assertThat(descriptor.lockedOut()).isEqualTo(stats.lockedOut());
		assertThat(((LoopingCallDescriptor) new LoopingCallsEndpoint(reactor).loopingCall("unlocked").getBody()).lock())
			.isNull();
		DelayedCallsDescriptor pending = (DelayedCallsDescriptor) new DelayedCallsEndpoint(reactor).delayedCalls(null)
			.getBody();
		assertThat(pending.calls()).anySatisfy((call) -> {
			assertThat(call.name()).isEqualTo("locked");
			assertThat(call.lock()).isEqualTo("cluster-tick");
		});
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		double held = lockedCount(registry, "held");
		assertThat(held).isEqualTo(stats.lockedOut());
		assertThat(stats.calls() + stats.lockedOut()).isGreaterThan(WATCH_SECONDS - 4);
		return "ok";
	}

	private static double lockedCount(MeterRegistry registry, String reason) {
		var counter = registry.find(ReactorMetrics.CALLS_LOCKED).tag("name", "locked").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void aDatabaseOutageSkipsLockedTicksAsErrorsLoggedOnceWhileOtherCallsStayOnTimeAndTheLoopResumes() {
		Runs runs = new Runs();
		LagRecorder lag = new LagRecorder();
		LogCapture log = LogCapture.start();
		try {
			instance("solo").withBean(Instance.class, () -> new Instance("solo", runs))
				.withBean(Fast.class)
				.withBean(LagRecorder.class, () -> lag)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					await().atMost(Duration.ofSeconds(10)).until(() -> runs.seconds("locked").size() >= 2);
					// Stop it between two ticks, so that no statement is cut off half-way.
					sleepUntil((System.currentTimeMillis() / 1000 + 1) * 1000 + 300);
					lag.phase = "outage";
					postgres.stop();
					long downAt = System.currentTimeMillis();
					sleepUntil(downAt + 5000);
					postgres.restart();
					lag.phase = "after";
					int lockedBefore = runs.seconds("locked").size();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> runs.seconds("locked").size() >= lockedBefore + 2);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					double errors = lockedCount(registry, "error");
					LoopingCallStats stats = context.getBean(Reactor.class)
						.getLoopingCalls()
						.stream()
						.filter((loop) -> loop.name().equals("locked"))
						.findFirst()
						.orElseThrow()
						.stats();
					System.out.println("Outage of 5 s: " + (long) errors + " ticks skipped with reason=error; fast call"
							+ " lag p99 before " + lag.p99("before") + " ms, during the outage " + lag.p99("outage")
							+ " ms (" + lag.count("outage") + " calls); warnings logged: " + log.warnings());
					assertThat(errors).isBetween(4.0, 6.0);
					// A tick just after the restart may also find its lock held (lockAtLeastFor of the last run).
					assertThat(stats.lockedOut()).isEqualTo((long) (errors + lockedCount(registry, "held")));
					assertThat(lag.count("outage")).as("the 100 ms loop kept running").isBetween(40, 75);
					assertThat(lag.p99("outage")).isLessThan(Math.max(50, 5 * lag.p99("before")));
				});
		}
		finally {
			log.stop();
		}
		assertThat(log.warnings()).singleElement().asString().contains("could not be taken", "once per outage");
		assertThat(log.infos()).anySatisfy((line) -> assertThat(line).contains("answers again"));
		assertThat(log.thrown()).as("no stack traces").isZero();
	}

	@Test
	void whenTheInstanceHoldingTheLockIsKilledAnotherRunsTheLoopWithinLockAtMostForPlusOneInterval() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl()));
		jdbc.execute("CREATE TABLE IF NOT EXISTS failover_runs (id SERIAL PRIMARY KEY, instance VARCHAR(16) NOT NULL, "
				+ "started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP)");
		File output = new File("target/failover-child.log");
		Process child = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(), "-cp",
				System.getProperty("java.class.path"), LockedInstance.class.getName(), postgres.jdbcUrl(), "child")
			.redirectErrorStream(true)
			.redirectOutput(output)
			.start();
		try {
			instance("survivor").withUserConfiguration(LockedInstance.Beans.class)
				.withPropertyValues("instance.name=survivor")
				.run((survivor) -> {
					assertThat(survivor).hasNotFailed();
					// Kill the child in the middle of one of its runs, while it holds the lock.
					await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc
						.queryForObject("SELECT count(*) FROM failover_runs WHERE instance = 'child' AND ended_at IS NULL",
								Integer.class) > 0);
					child.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock
					child.waitFor(10, TimeUnit.SECONDS);
					// All times are the database's, in UTC, as ShedLock's usingDbTime() writes them.
					Timestamp killedAt = jdbc.queryForObject(UTC_NOW, Timestamp.class);
					Timestamp heldSince = jdbc.queryForObject(
							"SELECT started_at FROM failover_runs WHERE instance = 'child' AND ended_at IS NULL", Timestamp.class);
					Timestamp lockUntil = jdbc.queryForObject("SELECT lock_until FROM shedlock WHERE name = 'failover'",
							Timestamp.class);
					await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
							"SELECT count(*) FROM failover_runs WHERE instance = 'survivor' AND started_at > ?",
							Integer.class, killedAt) > 0);
					Timestamp takenOver = jdbc.queryForObject(
							"SELECT min(started_at) FROM failover_runs WHERE instance = 'survivor' AND started_at > ?",
							Timestamp.class, killedAt);
					long afterLockTaken = takenOver.getTime() - heldSince.getTime();
					long afterKill = takenOver.getTime() - killedAt.getTime();
					System.out.println("Failover: the child was killed " + (killedAt.getTime() - heldSince.getTime())
							+ " ms into its run; the survivor ran " + afterKill + " ms after the kill, "
							+ afterLockTaken + " ms after the child took the lock (lockAtMostFor 3 s, interval 1 s)");
					assertThat(takenOver).as("not before the dead instance's lock expired").isAfterOrEqualTo(lockUntil);
					assertThat(afterLockTaken).isGreaterThan(2500);
					assertThat(afterKill).as("within lockAtMostFor + one interval").isLessThanOrEqualTo(4000 + 300);
					List<Map<String, Object>> all = jdbc.queryForList(
							"SELECT instance, started_at, COALESCE(ended_at, CASE WHEN instance = 'child' THEN ? ELSE "
									+ "timezone('utc', clock_timestamp()) END) AS ended_at FROM failover_runs ORDER BY started_at",
							killedAt);
					for (int i = 1; i < all.size(); i++) {
						assertThat((Timestamp) all.get(i).get("started_at")).as("runs never overlap: %s", all)
							.isAfterOrEqualTo((Timestamp) all.get(i - 1).get("ended_at"));
					}
				});
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void theLockTableIsCreatedOnlyWhenTheSettingSaysSo() {
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl()));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootClasses.DATA_SOURCE_AUTO_CONFIGURATION,
					ReactortimeLockAutoConfiguration.class))
			.withPropertyValues(dataSource())
			.withPropertyValues("reactortime.lock.jdbc.table-name=locks_embedded")
			.run((context) -> {
				assertThat(context).hasSingleBean(LockProvider.class).hasSingleBean(JdbcTemplateLockProvider.class);
				assertThat(tableExists(jdbc, "locks_embedded")).as("PostgreSQL is not an embedded database").isFalse();
			});
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootClasses.DATA_SOURCE_AUTO_CONFIGURATION,
					ReactortimeLockAutoConfiguration.class))
			.withPropertyValues(dataSource())
			.withPropertyValues("reactortime.lock.jdbc.table-name=locks_always",
					"reactortime.lock.jdbc.initialize-schema=always")
			.run((context) -> assertThat(tableExists(jdbc, "locks_always")).isTrue());
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootClasses.DATA_SOURCE_AUTO_CONFIGURATION,
					ReactortimeLockAutoConfiguration.class))
			.withPropertyValues(dataSource())
			.withBean("myLockProvider", LockProvider.class, () -> (configuration) -> java.util.Optional.empty())
			.run((context) -> assertThat(context).hasSingleBean(LockProvider.class)
				.doesNotHaveBean(JdbcTemplateLockProvider.class));
	}

	private static boolean tableExists(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", Integer.class,
				table) > 0;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleepUntil(long epochMillis) {
		long wait = epochMillis - System.currentTimeMillis();
		if (wait > 0) {
			sleep(wait);
		}
	}

	/**
	 * What the bodies of every instance ran: kind, instance and wall-clock second.
	 */
	static final class Runs {

		private final Collection<String[]> runs = new ConcurrentLinkedQueue<>();

		void add(String kind, String instance) {
			this.runs.add(new String[] { kind, instance, Long.toString(System.currentTimeMillis() / 1000) });
		}

		List<Long> seconds(String kind) {
			List<Long> seconds = new ArrayList<>();
			for (String[] run : this.runs) {
				if (run[0].equals(kind)) {
					seconds.add(Long.parseLong(run[2]));
				}
			}
			return seconds;
		}

		Map<String, Long> byInstance(String kind) {
			return this.runs.stream()
				.filter((run) -> run[0].equals(kind))
				.collect(Collectors.groupingBy((run) -> run[1], java.util.TreeMap::new, Collectors.counting()));
		}

	}

	static class Instance {

		private final String name;

		private final Runs runs;

		Instance(String name, Runs runs) {
			this.name = name;
			this.runs = runs;
		}

		@Looping(interval = "1s", name = "locked")
		@SchedulerLock(name = "cluster-tick")
		void locked() {
			this.runs.add("locked", this.name);
		}

		@Looping(interval = "1s", name = "unlocked")
		void unlocked() {
			this.runs.add("unlocked", this.name);
		}

	}

	static class Fast {

		@Looping(interval = "100ms", name = "fast")
		void tick() {
		}

	}

	/**
	 * Lag of the fast loop, by phase of the test.
	 */
	static final class LagRecorder implements ReactorListener {

		volatile String phase = "before";

		private final Map<String, List<Long>> lags = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public void started(DelayedCall call, long lagNanos) {
			if (call.name().equals("fast")) {
				this.lags.computeIfAbsent(this.phase, (key) -> new CopyOnWriteArrayList<>()).add(lagNanos);
			}
		}

		int count(String phase) {
			return this.lags.getOrDefault(phase, List.of()).size();
		}

		long p99(String phase) {
			List<Long> sorted = new ArrayList<>(this.lags.getOrDefault(phase, List.of()));
			if (sorted.isEmpty()) {
				return -1;
			}
			sorted.sort(null);
			return TimeUnit.NANOSECONDS.toMillis(sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
		}

	}

	/**
	 * The reactor's log lines (java.util.logging), kept out of the build's output.
	 */
	static final class LogCapture extends Handler {

		private final List<LogRecord> records = new CopyOnWriteArrayList<>();

		private final Logger logger = Logger.getLogger(Reactor.class.getName());

		private boolean useParentHandlers;

		static LogCapture start() {
			LogCapture capture = new LogCapture();
			capture.useParentHandlers = capture.logger.getUseParentHandlers();
			capture.logger.setUseParentHandlers(false);
			capture.logger.addHandler(capture);
			return capture;
		}

		void stop() {
			this.logger.removeHandler(this);
			this.logger.setUseParentHandlers(this.useParentHandlers);
		}

		List<String> warnings() {
			return messages(java.util.logging.Level.WARNING);
		}

		List<String> infos() {
			return messages(java.util.logging.Level.INFO);
		}

		long thrown() {
			return this.records.stream().filter((record) -> record.getThrown() != null).count();
		}

		private List<String> messages(java.util.logging.Level level) {
			return this.records.stream()
				.filter((record) -> record.getLevel() == level)
				.map(LogRecord::getMessage)
				.toList();
		}

		@Override
		public void publish(@Nullable LogRecord record) {
			if (record != null) {
				this.records.add(record);
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

}
