package dev.reactortime.autoconfigure.test;

import java.time.Duration;
import java.time.Instant;

import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.SampleApplication.Counter;
import dev.reactortime.autoconfigure.test.SampleApplication.CountingExecutor;
import dev.reactortime.autoconfigure.test.SampleApplication.CountingTransactionManager;
import dev.reactortime.autoconfigure.test.SampleApplication.EverySecond;
import dev.reactortime.autoconfigure.test.SampleApplication.Fetcher;
import dev.reactortime.autoconfigure.test.SampleApplication.Flaky;
import dev.reactortime.autoconfigure.test.SampleApplication.Greeter;
import dev.reactortime.autoconfigure.test.SampleApplication.Heartbeat;
import dev.reactortime.autoconfigure.test.SampleApplication.Ledger;
import dev.reactortime.autoconfigure.test.SampleApplication.Reporter;
import dev.reactortime.autoconfigure.test.SampleApplication.SeedLoop;
import dev.reactortime.autoconfigure.test.SampleApplication.SlowQuery;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotations in a whole Spring Boot application on virtual time: every count and time is exact, and nothing
 * sleeps. Each test gets a fresh context, whose clock starts at the epoch.
 */
@SpringBootTest(classes = SampleApplication.class, properties = "sample.greeting-delay=3.5s")
@VirtualReactorTime
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class VirtualReactorTimeApplicationTests {

	@Autowired
	VirtualTimeReactor reactor;

	@Autowired
	Reactor reactorAsReactor;

	@Test
	void contextGetsOneVirtualTimeReactorUnderBothTypes() {
		assertThat(this.reactorAsReactor).isSameAs(this.reactor);
		assertThat(this.reactor.now()).isEqualTo(Instant.EPOCH);
	}

	@Test
	void callLaterRunsOnceItsDelayAfterTheContextStarted(@Autowired Greeter greeter) {
		this.reactor.advance(Duration.ofMillis(3499));
		assertThat(greeter.times()).isEmpty();
		this.reactor.advance(Duration.ofMillis(1));
		assertThat(greeter.times()).containsExactly(Duration.ofMillis(3500));
		this.reactor.advance(Duration.ofHours(1));
		assertThat(greeter.times()).hasSize(1);
	}

	@Test
	void loopingWithNowFalseWaitsOneIntervalFirst(@Autowired EverySecond everySecond) {
		this.reactor.advance(Duration.ZERO);
		assertThat(everySecond.times()).isEmpty();
		this.reactor.advance(Duration.ofSeconds(3));
		assertThat(everySecond.times()).containsExactly(seconds(1), seconds(2), seconds(3));
	}

	@Test
	void seedLoopTicksThreeTimesThenStopsItselfThroughItsLoopingCall(@Autowired SeedLoop seedLoop) {
		this.reactor.advance(Duration.ofSeconds(10));
		assertThat(seedLoop.loopCounter()).isEqualTo(3);
		assertThat(seedLoop.times()).containsExactly(seconds(0), seconds(1), seconds(2), seconds(3));
		LoopingCall loop = seedLoop.loop();
		assertThat(loop).isNotNull();
		assertThat(loop.isRunning()).isFalse();
		assertThat(loop.name()).isEqualTo("seedLoop.runEverySecond");
		assertThat(loop.callCount()).isEqualTo(4);
	}

	@Test
	void withCountLoopReceivesTheIntervalsMissedDuringAStall(@Autowired Counter counter) {
		this.reactor.advance(Duration.ZERO);
		this.reactor.busy(Duration.ofMillis(3500));
		this.reactor.advance(Duration.ZERO);
		this.reactor.advance(Duration.ofMillis(500));
		assertThat(counter.times()).containsExactly(seconds(0), Duration.ofMillis(3500), seconds(4));
		assertThat(counter.counts()).containsExactly(1, 3, 1);
	}

	@Test
	void completionStageLoopWaitsForTheStageBeforeItsNextCall(@Autowired Fetcher fetcher) {
		this.reactor.advance(Duration.ofSeconds(7));
		// Work takes 2.5 s: the calls due at 1 s, 2 s, 4 s and 5 s are skipped, not bunched.
		assertThat(fetcher.times()).containsExactly(seconds(0), seconds(3), seconds(6));
	}

	@Test
	void proxiedBeanIsCalledThroughItsProxySoTransactionsApply(@Autowired Ledger ledger,
			@Autowired CountingTransactionManager transactionManager) {
		assertThat(AopUtils.isCglibProxy(ledger)).isTrue();
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(ledger.times()).containsExactly(seconds(1), seconds(2));
		assertThat(ledger.inTransaction()).containsExactly(true, true);
		assertThat(transactionManager.commits()).isEqualTo(2);
	}

	@Test
	void eachPrototypeInstanceHasItsOwnLoopUntilItIsDestroyed(@Autowired ObjectProvider<Heartbeat> heartbeats,
			@Autowired ConfigurableApplicationContext context) {
		Heartbeat first = heartbeats.getObject();
		this.reactor.advance(Duration.ofSeconds(1));
		Heartbeat second = heartbeats.getObject();
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(first.times()).containsExactly(seconds(1), seconds(2), seconds(3));
		assertThat(second.times()).containsExactly(seconds(2), seconds(3));
		context.getBeanFactory().destroyBean(first);
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(first.times()).hasSize(3);
		assertThat(second.times()).containsExactly(seconds(2), seconds(3), seconds(4), seconds(5));
	}

	@Test
	void loopWithAnExecutorRunsItsMethodOnThatExecutor(@Autowired Reporter reporter,
			@Autowired CountingExecutor reportPool) {
		this.reactor.advance(Duration.ofSeconds(30));
		assertThat(reporter.times()).containsExactly(seconds(10), seconds(20), seconds(30));
		assertThat(reportPool.executed()).isEqualTo(3);
		assertThat(this.reactor.getLoopingCalls()).extracting(LoopingCall::name).contains("nightly-report");
	}

	@Test
	void loopWithOnErrorContinueKeepsGoingAfterItsMethodThrows(@Autowired Flaky flaky) {
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(flaky.times()).containsExactly(seconds(0), seconds(1), seconds(2));
	}

	@Test
	void callLaterTimeoutCancelsTheStageItsMethodReturned(@Autowired SlowQuery slowQuery) {
		this.reactor.advance(Duration.ofMillis(2999));
		assertThat(slowQuery.times()).containsExactly(seconds(1));
		assertThat(slowQuery.query()).isNotNull().isNotDone();
		this.reactor.advance(Duration.ofMillis(1));
		assertThat(slowQuery.query()).isCancelled();
		assertThat(this.reactor.getDelayedCalls()).extracting((call) -> call.source())
			.doesNotContain("slowQuery#run");
	}

	private static Duration seconds(long seconds) {
		return Duration.ofSeconds(seconds);
	}

}
