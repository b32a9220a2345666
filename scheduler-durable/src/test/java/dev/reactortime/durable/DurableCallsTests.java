package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.reactortime.AlreadyCalledException;
import dev.reactortime.AlreadyCancelledException;
import dev.reactortime.Reactor;
import dev.reactortime.durable.DurableCalls.DurableCallExistsException;
import dev.reactortime.durable.Payloads.Reminder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** The handle's Twisted verbs, bad input and failures, on a real PostgreSQL. */
class DurableCallsTests {

	private static Postgres postgres;

	private static HikariDataSource pool;

	private final List<String> ran = new CopyOnWriteArrayList<>();

	private final AtomicInteger failures = new AtomicInteger();

	private Reactor reactor;

	private DurableCalls calls;

	@BeforeAll
	static void startPostgres() {
		postgres = Postgres.start();
		pool = postgres.pool(8);
	}

	@AfterAll
	static void stopPostgres() {
		pool.close();
		postgres.close();
	}

	@BeforeEach
	void start() {
		postgres.truncate();
		this.reactor = Reactor.create();
		this.reactor.start();
		this.calls = DurableCalls.builder(pool)
			.reactor(this.reactor)
			.instanceName("tests")
			.retries(2, Duration.ofMillis(100), 2.0)
			.task("send-reminder", Reminder.class, (reminder) -> this.ran.add(reminder.order()))
			.task("always-fails", String.class, (text) -> {
				this.failures.incrementAndGet();
				throw new IllegalStateException("handler failed on purpose: " + text);
			})
			.build();
		this.calls.start();
	}

	@AfterEach
	void stop() {
		this.calls.close();
		this.reactor.close();
	}

	@Test
	void aCallRunsOnceWithItsPayloadAndLeavesTheTable() {
		DurableCall call = this.calls.callLater("send-reminder", "order-1", Duration.ofHours(1), reminder("order-1"));
		assertThat(call.task()).isEqualTo("send-reminder");
		assertThat(call.id()).isEqualTo("order-1");
		assertThat(call.active()).isTrue();
		call.reset(Duration.ofMillis(50));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.ran.contains("order-1"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.calls.find("send-reminder", "order-1").isEmpty());
		assertThat(call.active()).isFalse();
		assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(call::cancel);
		assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> call.delay(Duration.ofSeconds(1)));
		assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> call.reset(Duration.ofSeconds(1)));
		assertThat(this.ran).containsExactly("order-1");
	}

	@Test
	void aCancelledCallNeverRunsAndCannotBeCancelledTwice() throws Exception {
		DurableCall call = this.calls.callLater("send-reminder", "order-2", Duration.ofSeconds(1), reminder("order-2"));
		call.cancel();
		assertThat(call.active()).isFalse();
		assertThat(this.calls.find("send-reminder", "order-2")).isEmpty();
		assertThatExceptionOfType(AlreadyCancelledException.class).isThrownBy(call::cancel);
		assertThatExceptionOfType(AlreadyCancelledException.class).isThrownBy(() -> call.reset(Duration.ZERO));
		Thread.sleep(1500);
		assertThat(this.ran).isEmpty();
	}

	@Test
	void delayAndResetMoveTheRowAndFindSeesIt() {
		DurableCall call = this.calls.callLater("send-reminder", "order-3", Duration.ofHours(1), reminder("order-3"));
		Instant due = call.getTime();
		call.delay(Duration.ofMinutes(30));
		assertThat(call.getTime()).isEqualTo(due.plus(Duration.ofMinutes(30)));
		DurableCall found = this.calls.find("send-reminder", "order-3").orElseThrow();
		assertThat(Duration.between(call.getTime(), found.getTime()).abs()).isLessThan(Duration.ofMillis(1));
		found.reset(Duration.ofMillis(50));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.ran.contains("order-3"));
	}

	@Test
	void schedulingAnExistingCallIsRejectedUnlessReplacing() {
		this.calls.callLater("send-reminder", "order-4", Duration.ofHours(1), reminder("first"));
		assertThatExceptionOfType(DurableCallExistsException.class)
			.isThrownBy(() -> this.calls.callLater("send-reminder", "order-4", Duration.ofHours(1), reminder("second")))
			.withMessageContaining("send-reminder/order-4");
		this.calls.callLaterOrReplace("send-reminder", "order-4", Duration.ofMillis(50), reminder("second"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.ran.contains("second"));
		assertThat(this.ran).containsExactly("second");
	}

	@Test
	void badInputIsRejectedWithAMessageNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.calls.callLater("no-such-task", "x", Duration.ZERO, reminder("x")))
			.withMessageContaining("Unknown durable task 'no-such-task'")
			.withMessageContaining("send-reminder");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.calls.callLater("send-reminder", "x", Duration.ofSeconds(-1), reminder("x")))
			.withMessageContaining("delay must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.calls.callLater("send-reminder", "x", Duration.ZERO, "not a reminder"))
			.withMessageContaining("must be a " + Reminder.class.getName());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DurableCalls.builder(pool).task("t", Object.class, (o) -> {
			}).build().callLater("t", "x", Duration.ZERO, new Object()))
			.withMessageContaining("Payload of durable task 't'")
			.withMessageContaining("cannot be written and read as JSON");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DurableCalls.builder(pool).task("t", String.class, (s) -> {
			}).task("t", String.class, (s) -> {
			}))
			.withMessageContaining("Duplicate durable task name 't'");
		assertThat(this.calls.count()).isZero();
	}

	@Test
	void aFailingHandlerIsRetriedWithBackOffThenKeptAsFailedAndCanBeDeleted() {
		this.calls.callLater("always-fails", "doomed", Duration.ZERO, "doomed");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.calls.find("always-fails", "doomed")
			.map(DurableCall::failed).orElse(false));
		assertThat(this.failures).hasValue(3); // the first run and two retries
		DurableCall failed = this.calls.find("always-fails", "doomed").orElseThrow();
		assertThat(failed.consecutiveFailures()).isEqualTo(3);
		assertThat(failed.lastFailure()).isNotNull();
		assertThat(failed.active()).isFalse();
		failed.cancel();
		assertThat(this.calls.find("always-fails", "doomed")).isEmpty();
	}

	@Test
	void payloadsAreJsonInTheTable() throws Exception {
		this.calls.callLater("send-reminder", "order-5", Duration.ofHours(1), reminder("order-5"));
		try (var connection = pool.getConnection();
				var rows = connection.createStatement()
					.executeQuery("select convert_from(task_data, 'UTF8')::json ->> 'order' from scheduled_tasks")) {
			rows.next();
			assertThat(rows.getString(1)).isEqualTo("order-5");
		}
	}

	private static Reminder reminder(String order) {
		return new Reminder(order, Instant.now());
	}

}
