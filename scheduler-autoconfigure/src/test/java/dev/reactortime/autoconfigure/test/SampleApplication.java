package dev.reactortime.autoconfigure.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An application with one bean per feature of {@code @CallLater} and {@code @Looping}; each bean records the
 * reactor's time (as an offset from the epoch, where a {@code VirtualTimeReactor} starts) whenever it is called.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableTransactionManagement(proxyTargetClass = true)
class SampleApplication {

	@Bean
	Greeter greeter(Reactor reactor) {
		return new Greeter(reactor);
	}

	@Bean
	EverySecond everySecond(Reactor reactor) {
		return new EverySecond(reactor);
	}

	@Bean
	SeedLoop seedLoop(Reactor reactor) {
		return new SeedLoop(reactor);
	}

	@Bean
	Counter counter(Reactor reactor) {
		return new Counter(reactor);
	}

	@Bean
	Fetcher fetcher(Reactor reactor) {
		return new Fetcher(reactor);
	}

	@Bean
	Ledger ledger(Reactor reactor) {
		return new Ledger(reactor);
	}

	@Bean
	Reporter reporter(Reactor reactor) {
		return new Reporter(reactor);
	}

	@Bean
	Flaky flaky(Reactor reactor) {
		return new Flaky(reactor);
	}

	@Bean
	SlowQuery slowQuery(Reactor reactor) {
		return new SlowQuery(reactor);
	}

	@Bean
	CountingTransactionManager transactionManager() {
		return new CountingTransactionManager();
	}

	@Bean
	@Scope("prototype")
	Heartbeat heartbeat(Reactor reactor) {
		return new Heartbeat(reactor);
	}

	@Bean
	CountingExecutor reportPool() {
		return new CountingExecutor();
	}

	static Duration sinceEpoch(Reactor reactor) {
		return Duration.between(Instant.EPOCH, reactor.now());
	}

	/** Records when it was called. */
	abstract static class Recorder {

		private final Reactor reactor;

		private final List<Duration> times = new CopyOnWriteArrayList<>();

		Recorder(Reactor reactor) {
			this.reactor = reactor;
		}

		void record() {
			this.times.add(sinceEpoch(this.reactor));
		}

		Reactor reactor() {
			return this.reactor;
		}

		List<Duration> times() {
			return this.times;
		}

	}

	/** The seed's callLater(3.5, f, "hello, world"), with the delay from a property. */
	static class Greeter extends Recorder {

		Greeter(Reactor reactor) {
			super(reactor);
		}

		@CallLater(delay = "${sample.greeting-delay}")
		void greet() {
			record();
		}

	}

	/** A loop whose first call waits one interval. */
	static class EverySecond extends Recorder {

		EverySecond(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "1s", now = false)
		void tick() {
			record();
		}

	}

	/** The seed's LoopingCall: three ticks, then the loop stops itself. */
	static class SeedLoop extends Recorder {

		private int loopCounter;

		private @Nullable LoopingCall loop;

		SeedLoop(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "1s")
		void runEverySecond(LoopingCall loop) {
			record();
			this.loop = loop;
			if (this.loopCounter < 3) {
				this.loopCounter++;
				return;
			}
			loop.stop();
		}

		int loopCounter() {
			return this.loopCounter;
		}

		@Nullable LoopingCall loop() {
			return this.loop;
		}

	}

	/** A withCount loop: receives the intervals passed since its last call. */
	static class Counter extends Recorder {

		private final List<Integer> counts = new CopyOnWriteArrayList<>();

		Counter(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "1s")
		void count(int count) {
			record();
			this.counts.add(count);
		}

		List<Integer> counts() {
			return this.counts;
		}

	}

	/** An asynchronous loop: each call's work takes 2.5 s, and the next call waits for it. */
	static class Fetcher extends Recorder {

		Fetcher(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "1s")
		CompletionStage<Void> fetch() {
			record();
			return reactor().deferLater(Duration.ofMillis(2500));
		}

	}

	/** A proxied bean: each tick must run inside a transaction. */
	static class Ledger extends Recorder {

		private final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

		Ledger(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "1s", now = false)
		@Transactional
		public void settle() {
			record();
			this.inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
		}

		List<Boolean> inTransaction() {
			return this.inTransaction;
		}

	}

	/** A loop that runs on an executor bean. */
	static class Reporter extends Recorder {

		Reporter(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "10s", now = false, executor = "reportPool", name = "nightly-report")
		void report() {
			record();
		}

	}

	/** A loop that keeps going when its method throws. */
	static class Flaky extends Recorder {

		Flaky(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "1s", onError = Looping.OnError.CONTINUE)
		void poll() {
			record();
			throw new IllegalStateException("flaky on purpose");
		}

	}

	/** A @CallLater whose asynchronous work outlives its timeout. */
	static class SlowQuery extends Recorder {

		private volatile @Nullable CompletableFuture<String> query;

		SlowQuery(Reactor reactor) {
			super(reactor);
		}

		@CallLater(delay = "1s", timeout = "2s")
		CompletableFuture<String> run() {
			record();
			CompletableFuture<String> query = reactor().deferLater(Duration.ofSeconds(5), () -> "result");
			this.query = query;
			return query;
		}

		@Nullable CompletableFuture<String> query() {
			return this.query;
		}

	}

	/** A prototype: every instance has its own loop. */
	static class Heartbeat extends Recorder {

		Heartbeat(Reactor reactor) {
			super(reactor);
		}

		@Looping(interval = "1s", now = false)
		void beat() {
			record();
		}

	}

	/** Runs tasks inline (virtual time needs no other thread) and counts them. */
	static class CountingExecutor implements Executor {

		private final AtomicInteger executed = new AtomicInteger();

		@Override
		public void execute(Runnable task) {
			this.executed.incrementAndGet();
			task.run();
		}

		int executed() {
			return this.executed.get();
		}

	}

	/** A transaction manager without a resource that counts commits. */
	static class CountingTransactionManager extends AbstractPlatformTransactionManager {

		private static final long serialVersionUID = 1L;

		private final AtomicInteger commits = new AtomicInteger();

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			this.commits.incrementAndGet();
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

		int commits() {
			return this.commits.get();
		}

	}

}
