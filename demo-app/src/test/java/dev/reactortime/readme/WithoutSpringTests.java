package dev.reactortime.readme;

import java.time.Duration;

import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.metrics.ReactorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's examples without Spring: the core on its own, and the metrics bound by hand.
 */
@ExtendWith(OutputCaptureExtension.class)
class WithoutSpringTests {

	@Test
	void helloIsPrintedNoSoonerThanTheDelayOnARealTimeReactor(CapturedOutput output) {
		// Real time is the point of this example; 50 ms keeps it short.
		long start = System.nanoTime();
		WithoutSpring.helloLater(Duration.ofMillis(50));
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
		assertThat(output.getOut().lines()).containsExactly("hello, world");
	}

	@Test
	void metricsBoundByHandMeasureTheReactorsCalls() {
		MeterRegistry registry = new SimpleMeterRegistry();
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		// The README's example, exactly as printed there (ReadmeTests compares them).
		// tag::metrics-without-spring[]
		ReactorMetrics metrics = new ReactorMetrics(reactor);     // a Micrometer MeterBinder and a ReactorListener
		metrics.bindTo(registry);
		reactor.addListener(metrics);
		// end::metrics-without-spring[]
		reactor.callLater("hello", Duration.ofSeconds(1), () -> {
		});
		assertThat(registry.get(ReactorMetrics.CALLS_PENDING).gauge().value()).isOne();
		reactor.advance(Duration.ofSeconds(1));
		assertThat(registry.get(ReactorMetrics.CALL_DURATION).tag("name", "hello").timer().count()).isOne();
		reactor.close();
	}

}
