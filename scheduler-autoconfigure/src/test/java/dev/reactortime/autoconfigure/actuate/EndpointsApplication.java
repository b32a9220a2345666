package dev.reactortime.autoconfigure.actuate;

import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application of the endpoint tests over HTTP: a bean with two annotated calls and a loop. The tests add
 * {@link OpenSecurity} or a security configuration of their own (Spring Security is on the test classpath); a nested
 * configuration would be picked up by every test. Public for the endpoint fuzz tests of the reliability package.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EndpointsApplication {

	@Bean
	Chores chores() {
		return new Chores();
	}

	static class Chores {

		final AtomicInteger ticks = new AtomicInteger();

		@CallLater(delay = "10s", name = "reminder")
		void remind() {
		}

		@CallLater(delay = "1m")
		void sweep() {
		}

		@Looping(interval = "1s", name = "tick")
		void tick() {
			this.ticks.incrementAndGet();
		}

	}

}
