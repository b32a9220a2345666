package dev.reactortime.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.actuate.DelayedCallsEndpoint.DelayedCallDescriptor;
import dev.reactortime.autoconfigure.actuate.DelayedCallsEndpoint.DelayedCallsDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DelayedCallsEndpoint}, called directly on a {@link VirtualTimeReactor}.
 */
class DelayedCallsEndpointTests {

	private final VirtualTimeReactor reactor = new VirtualTimeReactor();

	private final DelayedCallsEndpoint endpoint = new DelayedCallsEndpoint(this.reactor);

	@AfterEach
	void close() {
		this.reactor.close();
	}

	@Test
	void listsPendingCallsInDueOrderWithTheirTotal() {
		this.reactor.advance(Duration.ofSeconds(10));
		DelayedCall later = this.reactor.callLater("later", Duration.ofSeconds(5), () -> {
		});
		DelayedCall sooner = this.reactor.callLater(CallOptions.named("sooner").withSource("chores#sweep"),
				Duration.ofMillis(1500), () -> {
				});

		DelayedCallsDescriptor list = body(this.endpoint.delayedCalls(null));
		assertThat(list.total()).isEqualTo(2);
		assertThat(list.limit()).isEqualTo(DelayedCallsEndpoint.DEFAULT_LIMIT);
		assertThat(list.calls()).containsExactly(
				new DelayedCallDescriptor(sooner.id(), "sooner", "call", Instant.ofEpochMilli(11_500), 1500,
						"chores#sweep"),
				new DelayedCallDescriptor(later.id(), "later", "call", Instant.ofEpochSecond(15), 5000,
						"programmatic"));
	}

	@Test
	void limitBoundsTheListButNotTheTotal() {
		schedule(5);
		DelayedCallsDescriptor list = body(this.endpoint.delayedCalls("2"));
		assertThat(list.total()).isEqualTo(5);
		assertThat(list.calls()).hasSize(2);
		assertThat(body(this.endpoint.delayedCalls("0")).calls()).isEmpty();
		assertThat(body(this.endpoint.delayedCalls("007")).calls()).hasSize(5);
	}

	@Test
	void defaultLimitIsAHundred() {
		schedule(150);
		DelayedCallsDescriptor list = body(this.endpoint.delayedCalls(null));
		assertThat(list.total()).isEqualTo(150);
		assertThat(list.calls()).hasSize(100);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1001", "5000000000", "99999999999999999999999999" })
	void hugeLimitIsCappedAtTheMaximum(String limit) {
		schedule(1200);
		DelayedCallsDescriptor list = body(this.endpoint.delayedCalls(limit));
		assertThat(list.limit()).isEqualTo(DelayedCallsEndpoint.MAX_LIMIT);
		assertThat(list.calls()).hasSize(DelayedCallsEndpoint.MAX_LIMIT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "abc", "", " 5", "1.5", "1e3", "+3" })
	void malformedLimitIsABadRequest(String limit) {
		WebEndpointResponse<Object> response = this.endpoint.delayedCalls(limit);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).isInstanceOf(ErrorDescriptor.class);
	}

	@Test
	void oneCallByItsId() {
		DelayedCall call = this.reactor.callLater("one", Duration.ofSeconds(3), () -> {
		});
		WebEndpointResponse<Object> response = this.endpoint.delayedCall(Long.toString(call.id()));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo(
				new DelayedCallDescriptor(call.id(), "one", "call", Instant.ofEpochSecond(3), 3000, "programmatic"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "-1", "1.0", "", "12345678901234567890", "9223372036854775808" })
	void malformedIdIsABadRequest(String id) {
		assertThat(this.endpoint.delayedCall(id).getStatus()).isEqualTo(400);
		assertThat(this.endpoint.cancel(id).getStatus()).isEqualTo(400);
	}

	@Test
	void unknownCalledOrCancelledIdIsNotFound() {
		DelayedCall called = this.reactor.callLater(Duration.ZERO, () -> {
		});
		DelayedCall cancelled = this.reactor.callLater(Duration.ofSeconds(1), () -> {
		});
		cancelled.cancel();
		this.reactor.advance(Duration.ZERO);

		for (String id : List.of("0", "424242", Long.toString(called.id()), Long.toString(cancelled.id()),
				"9223372036854775807")) {
			assertThat(this.endpoint.delayedCall(id).getStatus()).as(id).isEqualTo(404);
			assertThat(this.endpoint.cancel(id).getStatus()).as(id).isEqualTo(404);
		}
	}

	@Test
	void cancelCancelsThePendingCall() {
		boolean[] ran = new boolean[1];
		DelayedCall call = this.reactor.callLater(Duration.ofSeconds(1), () -> ran[0] = true);

		assertThat(this.endpoint.cancel(Long.toString(call.id())).getStatus()).isEqualTo(204);
		assertThat(call.active()).isFalse();
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(ran[0]).isFalse();
	}

	@Test
	void loopTicksAreNotCancelledHere() {
		LoopingCall loop = this.reactor.loopingCall("tick", () -> {
		});
		loop.start(Duration.ofSeconds(1), false);
		DelayedCall tick = this.reactor.getDelayedCalls().get(0);
		WebEndpointResponse<Object> response = this.endpoint.cancel(Long.toString(tick.id()));
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(tick.active()).isTrue();
		assertThat(loop.isRunning()).isTrue();
	}

	@Test
	void cancellingADeferredCallCancelsItsFuture() {
		CompletableFuture<Void> deferred = this.reactor.deferLater(Duration.ofSeconds(1));
		DelayedCall call = this.reactor.getDelayedCalls().get(0);
		assertThat(this.endpoint.cancel(Long.toString(call.id())).getStatus()).isEqualTo(204);
		assertThat(call.active()).isFalse();
		assertThat(deferred).isCancelled();
	}

	@Test
	void ofConcurrentCancelsOfOneCallExactlyOneSucceedsAndTheOthersAreNotFound() throws Exception {
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 50; round++) {
				String id = Long.toString(this.reactor.callLater(Duration.ofSeconds(1), () -> {
				}).id());
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					statuses.add(executor.submit(() -> {
						go.await();
						return this.endpoint.cancel(id).getStatus();
					}));
				}
				go.countDown();
				List<Integer> results = new ArrayList<>();
				for (Future<Integer> status : statuses) {
					results.add(status.get());
				}
				assertThat(results).containsOnly(204, 404).containsOnlyOnce(204);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private void schedule(int count) {
		for (int i = 0; i < count; i++) {
			this.reactor.callLater(Duration.ofMillis(i + 1), () -> {
			});
		}
	}

	private static DelayedCallsDescriptor body(WebEndpointResponse<Object> response) {
		assertThat(response.getStatus()).isEqualTo(200);
		return (DelayedCallsDescriptor) response.getBody();
	}

}
