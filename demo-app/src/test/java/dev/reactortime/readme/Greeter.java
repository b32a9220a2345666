package dev.reactortime.readme;

// The README's quick start, exactly as printed there (ReadmeTests compares them); QuickStartTests runs it.
// tag::quick-start[]
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;

import org.springframework.stereotype.Component;

@Component
class Greeter {

	private final Reactor reactor;

	Greeter(Reactor reactor) {
		this.reactor = reactor;
	}

	@CallLater(delay = "3.5s")                        // once, 3.5 s after the context started
	void hello() {
		System.out.println("hello, world");
	}

	@Looping(interval = "1s", now = false)            // a LoopingCall started with the context
	void tick(LoopingCall loop) {
		if (loop.callCount() == 3) loop.stop();       // the loop may stop itself
	}

	DelayedCall remindLater(Runnable reminder) {      // the programmatic API, on the same reactor thread
		DelayedCall call = reactor.callLater("reminder", Duration.ofMinutes(5), reminder);
		call.reset(Duration.ofMinutes(10));           // later (or sooner), like Twisted's reset
		return call;
	}

	CompletableFuture<String> lookup() {              // fails with a TimeoutException unless done within 2 s
		return reactor.timeout(reactor.deferLater(Duration.ofSeconds(1), () -> "value"), Duration.ofSeconds(2));
	}
}
// end::quick-start[]
