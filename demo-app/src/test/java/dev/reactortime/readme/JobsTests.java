package dev.reactortime.readme;

// The README's test example, exactly as printed there (ReadmeTests compares them).
// tag::testing[]
import java.time.Duration;

import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD;

@SpringBootTest
@VirtualReactorTime
@DirtiesContext(classMode = AFTER_EACH_TEST_METHOD)   // a fresh clock per test
class JobsTests {

	@Autowired VirtualTimeReactor reactor;            // also injectable as Reactor
	@Autowired Jobs jobs;

	@Test
	void greetsAfterThreeAndAHalfSeconds() {
		reactor.advance(Duration.ofMillis(3499));
		assertThat(jobs.greetings()).isZero();
		reactor.advance(Duration.ofMillis(1));
		assertThat(jobs.greetings()).isOne();
	}

	@Test
	void countsMissedIntervalsAfterAStall() {
		reactor.advance(Duration.ZERO);               // poll's first call, due at once: count 1
		reactor.busy(Duration.ofMillis(3500));        // the reactor is held up 3.5 s (Twisted's Clock.advance jump)
		reactor.advance(Duration.ZERO);               // the next call: 3 intervals passed
		assertThat(jobs.counts()).containsExactly(1, 3);
	}
}
// end::testing[]
