package dev.reactortime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that throws an {@code Error} (a {@code NoClassDefFoundError} from a metrics library missing at run
 * time, say) is logged and ignored like one that throws a {@code RuntimeException}: the reactor thread lives on.
 */
class ListenerFailureTests {

	@Test
	void aListenerThrowingAnErrorNeitherKillsTheReactorNorStopsLaterCalls() throws Exception {
		Reactor reactor = Reactor.builder().daemon(true).threadName("listener-error").build();
		try {
			reactor.addListener(new ReactorListener() {
				@Override
				public void started(DelayedCall call, long lagNanos) {
					throw new NoClassDefFoundError("io/micrometer/core/instrument/Timer");
				}

				@Override
				public void finished(DelayedCall call, long lagNanos, long durationNanos, Throwable error) {
					throw new LinkageError("finished");
				}
			});
			reactor.start();
			CompletableFuture<String> first = reactor.deferLater(Duration.ofMillis(1), () -> "first");
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
			CompletableFuture<String> second = reactor.deferLater(Duration.ofMillis(1), () -> "second");
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
			assertThat(reactor.isRunning()).isTrue();
			DelayedCall pending = reactor.callLater(Duration.ofHours(1), () -> {
			});
			reactor.close();
			assertThat(pending.active()).as("close() cancels what is pending").isFalse();
		}
		finally {
			reactor.close();
		}
	}

	@Test
	void aListenerThrowingAnErrorOnVirtualTimeIsIgnoredToo() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		reactor.addListener(new ReactorListener() {
			@Override
			public void scheduled(DelayedCall call) {
				throw new AssertionError("scheduled");
			}

			@Override
			public void started(DelayedCall call, long lagNanos) {
				throw new NoClassDefFoundError("started");
			}
		});
		int[] ran = new int[1];
		reactor.callLater(Duration.ofSeconds(1), () -> ran[0]++);
		reactor.loopingCall(() -> ran[0]++).start(Duration.ofSeconds(1));
		reactor.advance(Duration.ofSeconds(1));
		assertThat(ran[0]).isEqualTo(3);
	}

}
