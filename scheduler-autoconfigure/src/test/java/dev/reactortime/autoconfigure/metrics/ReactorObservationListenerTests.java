package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.reactortime.CallOptions;
import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorObservationListener} on a {@link VirtualTimeReactor}.
 */
class ReactorObservationListenerTests {

	private final VirtualTimeReactor reactor = new VirtualTimeReactor();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	ReactorObservationListenerTests() {
		this.registry.observationConfig().observationHandler(new RecordingHandler(this.stopped));
		this.reactor.addListener(new ReactorObservationListener(this.registry));
	}

	@AfterEach
	void close() {
		this.reactor.close();
	}

	@Test
	void eachCallRunsInsideAReactortimeCallObservation() {
		AtomicReference<@Nullable Observation> inside = new AtomicReference<>();
		this.reactor.callLater("greeting", Duration.ofSeconds(1),
				() -> inside.set(this.registry.getCurrentObservation()));
		this.reactor.advance(Duration.ofSeconds(1));

		Observation observation = inside.get();
		assertThat(observation).isNotNull();
		assertThat(observation.getContext().getName()).isEqualTo("reactortime.call");
		assertThat(observation.getContext().getContextualName()).isEqualTo("greeting");
		assertThat(this.stopped).singleElement().satisfies((context) -> {
			assertThat(context).isSameAs(observation.getContext());
			assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(KeyValue.of("name", "greeting"),
					KeyValue.of("kind", "call"), KeyValue.of("outcome", "success"));
			assertThat(context.getHighCardinalityKeyValues()).isEmpty();
		});
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void failedCallEndsItsObservationWithTheErrorAndOutcomeError() {
		IllegalStateException failure = new IllegalStateException("boom");
		this.reactor.callLater("fetch", Duration.ZERO, () -> {
			throw failure;
		});
		this.reactor.advance(Duration.ZERO);

		assertThat(this.stopped).singleElement().satisfies((context) -> {
			assertThat(context.getError()).isSameAs(failure);
			assertThat(context.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("error");
		});
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void loopTicksAndDeferredCallsAreObservedWithTheirKind() {
		LoopingCall loop = this.reactor.loopingCall("tick", () -> {
		});
		loop.start(Duration.ofSeconds(1));
		this.reactor.deferLater(Duration.ofMillis(500));
		this.reactor.advance(Duration.ofSeconds(1));

		assertThat(this.stopped).extracting((context) -> context.getLowCardinalityKeyValue("kind").getValue())
			.containsExactly("looping", "deferred", "looping");
	}

	@Test
	void asyncLoopFinishedOnAnotherThreadLeavesNoScopeBehindForTheNextCall() throws Exception {
		CompletableFuture<Void> stage = new CompletableFuture<>();
		LoopingCall loop = this.reactor.loopingCallAsync(CallOptions.named("async"), () -> stage);
		loop.start(Duration.ofSeconds(10));
		this.reactor.advance(Duration.ZERO);
		assertThat(this.stopped).isEmpty();

		Thread completer = new Thread(() -> stage.complete(null));
		completer.start();
		completer.join();
		assertThat(this.stopped).singleElement()
			.satisfies((context) -> assertThat(context.getLowCardinalityKeyValue("outcome").getValue())
				.isEqualTo("success"));

		AtomicReference<@Nullable Observation> inside = new AtomicReference<>();
		this.reactor.callLater("next", Duration.ofSeconds(1), () -> inside.set(this.registry.getCurrentObservation()));
		this.reactor.advance(Duration.ofSeconds(1));
		Observation next = inside.get();
		assertThat(next).isNotNull();
		assertThat(next.getContext().getContextualName()).isEqualTo("next");
		assertThat(next.getContextView().getParentObservation()).isNull();
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void asyncLoopFinishedOnTheThreadThatStartedItClosesItsScopeAtOnce() {
		CompletableFuture<Void> stage = new CompletableFuture<>();
		LoopingCall loop = this.reactor.loopingCallAsync(CallOptions.named("async"), () -> stage);
		loop.start(Duration.ofSeconds(10));
		this.reactor.advance(Duration.ZERO);
		assertThat(this.registry.getCurrentObservation()).isNotNull();

		stage.complete(null);
		assertThat(this.stopped).hasSize(1);
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void conventionOfTheApplicationReplacesTheDefault() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		reactor.addListener(new ReactorObservationListener(this.registry, new DefaultReactorCallObservationConvention() {

			@Override
			public String getName() {
				return "my.call";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(ReactorCallObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "ops");
			}

		}));
		reactor.callLater("x", Duration.ZERO, () -> {
		});
		reactor.advance(Duration.ZERO);

		assertThat(this.stopped).singleElement().satisfies((context) -> {
			assertThat(context.getName()).isEqualTo("my.call");
			assertThat(context.getLowCardinalityKeyValue("team").getValue()).isEqualTo("ops");
		});
		reactor.close();
	}

	@Test
	void nothingIsObservedWithANoopRegistry() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		reactor.addListener(new ReactorObservationListener(ObservationRegistry.NOOP));
		AtomicReference<@Nullable Observation> inside = new AtomicReference<>();
		reactor.callLater(Duration.ZERO, () -> inside.set(ObservationRegistry.NOOP.getCurrentObservation()));
		reactor.advance(Duration.ZERO);
		assertThat(inside.get()).isNull();
		reactor.close();
	}

	private record RecordingHandler(List<Observation.Context> stopped) implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

	}

}
