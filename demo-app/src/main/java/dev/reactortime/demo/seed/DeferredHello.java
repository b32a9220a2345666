package dev.reactortime.demo.seed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.reactortime.CallOptions;
import dev.reactortime.Reactor;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed's second example: {@code task.deferLater(reactor, 3.5, f, "hello, world")} with a callback that prints
 * the result.
 *
 * <p>It has no annotation form: the point of {@code deferLater} is the future it returns, and an annotated method's
 * result goes to the framework, not to a callback of the application's.
 */
@Component
@Order(2)
final class DeferredHello implements ApplicationRunner {

	private final Reactor reactor;

	DeferredHello(Reactor reactor) {
		this.reactor = reactor;
	}

	@Override
	public void run(ApplicationArguments args) {
		CompletableFuture<String> d = this.reactor.deferLater(CallOptions.named("deferred-hello"),
				Duration.ofMillis(3500), () -> f("hello, world"));
		d.thenAccept(DeferredHello::called);
	}

	static String f(String s) {
		return "This will run 3.5 seconds after it was scheduled: " + s;
	}

	static void called(String result) {
		System.out.println(result);
	}

}
