package dev.reactortime.demo.seed;

import java.time.Duration;

import dev.reactortime.Reactor;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed's first example: {@code reactor.callLater(3.5, f, "hello, world")}.
 */
@Component
@Order(1)
@ReactorStyle
final class HelloLater implements ApplicationRunner {

	private final Reactor reactor;

	HelloLater(Reactor reactor) {
		this.reactor = reactor;
	}

	// Scheduled once the application has started (not in the constructor), so that the 3.5 s count from startup
	// rather than from bean creation, as they do for @CallLater.
	@Override
	public void run(ApplicationArguments args) {
		this.reactor.callLater("hello-later", Duration.ofMillis(3500), () -> f("hello, world"));
	}

	static void f(String s) {
		System.out.println("this will run 3.5 seconds after it was scheduled: " + s);
	}

}
