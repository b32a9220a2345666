package dev.reactortime.readme;

import java.time.Duration;

import dev.reactortime.Reactor;

/**
 * The README's example of the core without Spring, exactly as printed there (ReadmeTests compares them).
 */
final class WithoutSpring {

	private WithoutSpring() {
	}

	// tag::without-spring[]
	static void helloLater(Duration delay) {
		try (Reactor reactor = Reactor.create()) {    // a real-time reactor with a thread of its own
			reactor.start();
			reactor.callLater(delay, () -> System.out.println("hello, world"));
			reactor.deferLater(delay).join();         // wait for it: close() cancels what is still pending
		}
	}
	// end::without-spring[]

}
