package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.zaxxer.hikari.HikariDataSource;
import dev.reactortime.Reactor;
import dev.reactortime.durable.Payloads.Reminder;

/**
 * Instances of an application on one database, in this JVM: each with its own connection pool, reactor (or none,
 * for db-scheduler's polling alone) and db-scheduler. Handlers of task {@code send-reminder} record their runs and
 * their lag (start minus the payload's due time).
 */
final class Cluster implements AutoCloseable {

	final Runs runs = new Runs();

	/** Lag of each call's first run in microseconds, by call id. */
	final Map<String, Long> lagMicros = new ConcurrentHashMap<>();

	final List<Node> nodes = new ArrayList<>();

	Cluster(Postgres postgres, int size, boolean wakeUps, UnaryOperator<DurableCalls.Builder> settings) {
		for (int i = 0; i < size; i++) {
			this.nodes.add(new Node(postgres, "node-" + (i + 1), wakeUps, settings));
		}
	}

	Cluster start() {
		this.nodes.forEach(Node::start);
		return this;
	}

	DurableCalls calls(int i) {
		return this.nodes.get(i % this.nodes.size()).calls;
	}

	@Override
	public void close() {
		this.nodes.forEach(Node::close);
	}

	final class Node implements AutoCloseable {

		final HikariDataSource pool;

		final Reactor reactor;

		final DurableCalls calls;

		Node(Postgres postgres, String name, boolean wakeUps, UnaryOperator<DurableCalls.Builder> settings) {
			this.pool = postgres.pool(14);
			this.reactor = Reactor.create();
			this.calls = settings.apply(DurableCalls.builder(this.pool)
				.instanceName(name)
				.reactor(wakeUps ? this.reactor : null)
				.task("send-reminder", Reminder.class, (reminder) -> {
					Cluster.this.lagMicros.putIfAbsent(reminder.order(),
							Math.max(0, Duration.between(reminder.dueAt(), Instant.now()).toNanos() / 1000));
					Cluster.this.runs.record(reminder.order(), name);
				}))
				.build();
		}

		void start() {
			this.reactor.start();
			this.calls.start();
		}

		@Override
		public void close() {
			this.calls.close();
			this.reactor.close();
			this.pool.close();
		}

	}

}
