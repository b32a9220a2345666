package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.durable.Payloads.Reminder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable calls on a {@link VirtualTimeReactor}: a day passes in {@code advance}, the handler runs on the test's
 * thread when the clock reaches its due time, and nothing sleeps. The table is still a real PostgreSQL's.
 */
class VirtualTimeTests {

	private static Postgres postgres;

	private static HikariDataSource pool;

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final List<Instant> sentAt = new CopyOnWriteArrayList<>();

	private final AtomicInteger failures = new AtomicInteger();

	private VirtualTimeReactor reactor;

	private DurableCalls calls;

	@BeforeAll
	static void startPostgres() {
		postgres = Postgres.start();
		pool = postgres.pool(4);
	}

	@AfterAll
	static void stopPostgres() {
		pool.close();
		postgres.close();
	}

	@BeforeEach
	void start() {
		postgres.truncate();
		this.reactor = new VirtualTimeReactor();
		this.calls = DurableCalls.builder(pool)
			.reactor(this.reactor)
			.retries(2, Duration.ofSeconds(1), 2.0)
			.task("send-reminder", Reminder.class, (reminder) -> {
				this.sent.add(reminder.order());
				this.sentAt.add(this.reactor.now());
			})
			.task("always-fails", String.class, (text) -> {
				this.failures.incrementAndGet();
				throw new IllegalStateException("failed on purpose: " + text);
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
	void aCallDueTomorrowRunsWhenTheReactorIsAdvancedADay() {
		DurableCall call = this.calls.callLater("send-reminder", "order-42", Duration.ofHours(24),
				new Reminder("order-42", Instant.EPOCH));
		this.calls.callLater("send-reminder", "order-43", Duration.ofHours(25), new Reminder("order-43", Instant.EPOCH));
		this.reactor.advance(Duration.ofHours(23));
		assertThat(this.sent).isEmpty();
		assertThat(call.active()).isTrue();
		this.reactor.advance(Duration.ofHours(1));
		assertThat(this.sent).containsExactly("order-42");
		assertThat(this.sentAt).containsExactly(Instant.EPOCH.plus(Duration.ofHours(24)));
		assertThat(call.active()).isFalse();
		this.reactor.advance(Duration.ofHours(2));
		assertThat(this.sent).containsExactly("order-42", "order-43");
		assertThat(this.calls.count()).isZero();
	}

	@Test
	void resetAndDelayMoveTheCallOnVirtualTime() {
		DurableCall call = this.calls.callLater("send-reminder", "moved", Duration.ofHours(1),
				new Reminder("moved", Instant.EPOCH));
		call.delay(Duration.ofHours(1));
		this.reactor.advance(Duration.ofHours(1));
		assertThat(this.sent).isEmpty();
		call.reset(Duration.ofMinutes(5));
		this.reactor.advance(Duration.ofMinutes(5));
		assertThat(this.sent).containsExactly("moved");
	}

	@Test
	void retriesFollowTheBackOffOnVirtualTimeThenTheCallIsKeptAsFailed() {
		this.calls.callLater("always-fails", "doomed", Duration.ZERO, "doomed");
		this.reactor.advance(Duration.ZERO);
		assertThat(this.failures).hasValue(1);
		this.reactor.advance(Duration.ofMillis(999));
		assertThat(this.failures).hasValue(1);
		this.reactor.advance(Duration.ofMillis(1));
		assertThat(this.failures).hasValue(2);
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(this.failures).hasValue(3);
		DurableCall failed = this.calls.find("always-fails", "doomed").orElseThrow();
		assertThat(failed.failed()).isTrue();
		assertThat(failed.consecutiveFailures()).isEqualTo(3);
		this.reactor.advance(Duration.ofDays(1));
		assertThat(this.failures).hasValue(3);
	}

}
