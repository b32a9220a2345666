package dev.reactortime.autoconfigure.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.ReactorListener;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import dev.reactortime.autoconfigure.BootClasses;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.autoconfigure.metrics.ReactorMetrics;
import dev.reactortime.autoconfigure.metrics.ReactortimeMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN §2.6 and §6 in a Spring application: an exception, an {@code Error} that is not a
 * {@code VirtualMachineError} and a call that blocks the reactor thread for two seconds leave the real-time reactor
 * (and its one thread) running, calls scheduled after each fault still run, the watchdog reports the blocking call
 * once, and the meters count each fault exactly once. The loop part ({@code onError = STOP | CONTINUE}) runs on
 * virtual time, with exact counts.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultToleranceTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@Test
	void exceptionsErrorsAndABlockingCallNeverStopTheReactorAndEachIsReportedAndCountedOnce(CapturedOutput output)
			throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FaultyApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("reactortime.watchdog.threshold=500ms", "reactortime.thread.name=faulty-reactor")
			.run()) {
			Reactor reactor = context.getBean(Reactor.class);
			Events events = context.getBean(Events.class);
			// The application's registry (Prometheus, on the test classpath, adds one more behind a composite).
			MeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			Thread reactorThread = reactor.deferLater(Duration.ZERO, Thread::currentThread)
				.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(reactorThread.getName()).isEqualTo("faulty-reactor");
			// A programmatic call that fails with an AssertionError, next to the annotated faults.
			reactor.callLater("asserts", Duration.ZERO, () -> {
				throw new AssertionError("programmatic fault on purpose");
			});

			// (a) and (b): after each fault, a call scheduled afterwards runs on the same, still living thread.
			for (String fault : List.of("throws-exception", "throws-error", "asserts")) {
				await().atMost(PATIENCE).until(() -> events.finished.contains(fault));
				assertThat(runsOnReactor(reactor)).as("a call scheduled after '%s'", fault).isSameAs(reactorThread);
			}

			// (c): while a call holds the thread for 2 s, the watchdog reports it; a call scheduled meanwhile runs
			// once it returns. The log event is read from the logger (the test console prints exceptions on one line).
			ListAppender<ILoggingEvent> reactorLog = new ListAppender<>();
			reactorLog.start();
			Logger reactorLogger = (Logger) LoggerFactory.getLogger(Reactor.class);
			reactorLogger.addAppender(reactorLog);
			reactor.callLater(CallOptions.named("blocks"), Duration.ZERO, FaultToleranceTests::holdTheReactorThread);
			await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> !events.blocked.isEmpty());
			assertThat(events.finished).doesNotContain("blocks");
			CompletableFuture<Thread> scheduledWhileBlocked = reactor.deferLater(Duration.ZERO, Thread::currentThread);
			assertThat(scheduledWhileBlocked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isSameAs(reactorThread);
			assertThat(events.finished).contains("blocks");
			assertThat(runsOnReactor(reactor)).isSameAs(reactorThread);
			assertThat(reactor.isRunning()).isTrue();
			assertThat(reactorThread.isAlive()).isTrue();

			// Reported once, by name, with the stack of the blocking method; the log says the same, once.
			assertThat(events.blocked).singleElement().satisfies((report) -> {
				assertThat(report.name()).isEqualTo("blocks");
				assertThat(report.blockedFor()).isBetween(Duration.ofMillis(500), Duration.ofMillis(2000));
				assertThat(report.stack()).anySatisfy((frame) -> {
					assertThat(frame.getClassName()).isEqualTo(FaultToleranceTests.class.getName());
					assertThat(frame.getMethodName()).isEqualTo("holdTheReactorThread");
				});
			});
			Matcher logged = Pattern
				.compile("WARN .*Call 'blocks' \\(programmatic\\) has held the reactor thread for (\\d+) ms")
				.matcher(output.getAll());
			assertThat(logged.find()).as("the watchdog's log line").isTrue();
			assertThat(Long.parseLong(logged.group(1))).isBetween(500L, 2000L);
			assertThat(logged.find()).as("a second watchdog log line").isFalse();
			reactorLogger.detachAppender(reactorLog);
			assertThat(reactorLog.list).filteredOn((event) -> event.getMessage().contains("has held the reactor thread"))
				.singleElement()
				.satisfies((event) -> assertThat(event.getThrowableProxy().getStackTraceElementProxyArray())
					.anySatisfy((frame) -> assertThat(frame.getSTEAsString())
						.contains(FaultToleranceTests.class.getName() + ".holdTheReactorThread(FaultToleranceTests.java:")));

			// Each fault counted once, with its exception's class; nothing else failed.
			assertThat(errors(registry, "throws-exception", "IllegalStateException").count()).isOne();
			assertThat(errors(registry, "throws-error", "SimulatedFault").count()).isOne();
			assertThat(errors(registry, "asserts", "AssertionError").count()).isOne();
			assertThat(registry.find(ReactorMetrics.CALL_DURATION).tag("outcome", "error").timers())
				.hasSize(3)
				.allSatisfy((timer) -> assertThat(timer.count()).isOne());
			assertThat(registry.get(ReactorMetrics.REACTOR_BLOCKED).counter().count()).isEqualTo(1.0);
			Timer blocking = registry.get(ReactorMetrics.CALL_DURATION)
				.tags("name", "blocks", "outcome", "success")
				.timer();
			assertThat(blocking.count()).isOne();
			assertThat(blocking.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1900);
			assertThat(events.failures).containsExactlyInAnyOrder("throws-exception:IllegalStateException",
					"throws-error:SimulatedFault", "asserts:AssertionError");
		}
	}

	@Test
	void aLoopWhoseBodyThrowsStopsWithOnErrorStopAndItsCallsStayCounted() {
		virtualTime().withBean(StoppingLoop.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			StoppingLoop body = context.getBean(StoppingLoop.class);

			reactor.advance(Duration.ofSeconds(10));
			LoopingCall loop = loopNamed(reactor, "stops-on-error");
			assertThat(body.calls).hasValue(3);
			assertThat(loop.isRunning()).isFalse();
			assertThat(loop.callCount()).isEqualTo(3);
			assertThat(loop.stats().lastError()).isInstanceOf(IllegalStateException.class);
			assertThat(reactor.getDelayedCalls()).extracting(DelayedCall::name).doesNotContain("stops-on-error");

			reactor.advance(Duration.ofHours(1));
			assertThat(body.calls).hasValue(3);
			assertThat(loop.callCount()).isEqualTo(3);
			assertThat(errors(registry, "stops-on-error", "IllegalStateException").count()).isOne();
			assertThat(successes(registry, "stops-on-error").count()).isEqualTo(2);
			// The reactor itself goes on.
			boolean[] ran = new boolean[1];
			reactor.callLater(Duration.ofSeconds(1), () -> ran[0] = true);
			reactor.advance(Duration.ofSeconds(1));
			assertThat(ran[0]).isTrue();
		});
	}

	@Test
	void aLoopWhoseBodyThrowsKeepsTickingWithOnErrorContinueAndEveryFailureIsCounted() {
		virtualTime().withBean(ContinuingLoop.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ContinuingLoop body = context.getBean(ContinuingLoop.class);

			reactor.advance(Duration.ZERO);
			reactor.advance(Duration.ofSeconds(8));
			LoopingCall loop = loopNamed(reactor, "continues-on-error");
			assertThat(body.calls).hasValue(9);
			assertThat(loop.isRunning()).isTrue();
			assertThat(loop.callCount()).isEqualTo(9);
			assertThat(errors(registry, "continues-on-error", "IllegalStateException").count()).isEqualTo(3);
			assertThat(errors(registry, "continues-on-error", "SimulatedFault").count()).isEqualTo(3);
			assertThat(successes(registry, "continues-on-error").count()).isEqualTo(3);

			reactor.advance(Duration.ofSeconds(3));
			assertThat(body.calls).hasValue(12);
			assertThat(loop.isRunning()).isTrue();
			assertThat(loop.stats().nextDueAt()).isEqualTo(reactor.now().plusSeconds(1));
			assertThat(errors(registry, "continues-on-error", "IllegalStateException").count()).isEqualTo(4);
			assertThat(errors(registry, "continues-on-error", "SimulatedFault").count()).isEqualTo(4);
			assertThat(successes(registry, "continues-on-error").count()).isEqualTo(4);
		});
	}

	private static ApplicationContextRunner virtualTime() {
		return new ApplicationContextRunner().withPropertyValues("reactortime.virtual-time=true")
			.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
					ReactortimeMetricsAutoConfiguration.class, BootClasses.METRICS_AUTO_CONFIGURATION))
			.withBean(SimpleMeterRegistry.class);
	}

	private static void holdTheReactorThread() {
		try {
			Thread.sleep(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread runsOnReactor(Reactor reactor) throws Exception {
		return reactor.deferLater(Duration.ZERO, Thread::currentThread).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
	}

	private static LoopingCall loopNamed(Reactor reactor, String name) {
		return reactor.getLoopingCalls()
			.stream()
			.filter((loop) -> loop.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static Timer errors(MeterRegistry registry, String name, String exception) {
		return registry.get(ReactorMetrics.CALL_DURATION)
			.tags("name", name, "outcome", "error", "exception", exception)
			.timer();
	}

	private static Timer successes(MeterRegistry registry, String name) {
		return registry.get(ReactorMetrics.CALL_DURATION).tags("name", name, "outcome", "success").timer();
	}

	/** An {@code Error}, but not a {@code VirtualMachineError}: the reactor must survive it. */
	static class SimulatedFault extends Error {

		private static final long serialVersionUID = 1L;

		SimulatedFault(String message) {
			super(message);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FaultyApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		Faults faults() {
			return new Faults();
		}

	}

	/** The annotated faults: an exception, then an Error. */
	static class Faults {

		@CallLater(delay = "50ms", name = "throws-exception")
		void fail() {
			throw new IllegalStateException("annotated fault on purpose");
		}

		@CallLater(delay = "100ms", name = "throws-error")
		void err() {
			throw new SimulatedFault("annotated Error on purpose");
		}

	}

	/** What the reactor reports, heard as a {@link ReactorListener} bean. */
	static class Events implements ReactorListener {

		final List<String> finished = new CopyOnWriteArrayList<>();

		final List<String> failures = new CopyOnWriteArrayList<>();

		final List<BlockedReport> blocked = new CopyOnWriteArrayList<>();

		@Override
		public void finished(DelayedCall call, long lagNanos, long durationNanos, @Nullable Throwable error) {
			this.finished.add(call.name());
			if (error != null) {
				this.failures.add(call.name() + ":" + error.getClass().getSimpleName());
			}
		}

		@Override
		public void blocked(DelayedCall call, Duration blockedFor, StackTraceElement[] stackTrace) {
			this.blocked.add(new BlockedReport(call.name(), blockedFor, List.of(stackTrace)));
		}

	}

	record BlockedReport(String name, Duration blockedFor, List<StackTraceElement> stack) {
	}

	/** Fails at its third call; Twisted's default (STOP) ends the loop there. */
	static class StoppingLoop {

		final AtomicInteger calls = new AtomicInteger();

		@Looping(interval = "1s", name = "stops-on-error")
		void tick() {
			if (this.calls.incrementAndGet() == 3) {
				throw new IllegalStateException("third call fails");
			}
		}

	}

	/** Throws an exception, then an Error, then succeeds, over and over; CONTINUE keeps it going. */
	static class ContinuingLoop {

		final AtomicInteger calls = new AtomicInteger();

		@Looping(interval = "1s", name = "continues-on-error", onError = Looping.OnError.CONTINUE)
		void tick() {
			int call = this.calls.incrementAndGet();
			if (call % 3 == 1) {
				throw new IllegalStateException("call " + call + " fails");
			}
			if (call % 3 == 2) {
				throw new SimulatedFault("call " + call + " errs");
			}
		}

	}

}
