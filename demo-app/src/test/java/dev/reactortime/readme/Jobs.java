package dev.reactortime.readme;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.LoopingCall;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;

import org.springframework.stereotype.Component;

// The README's annotations example, exactly as printed there (ReadmeTests compares them); JobsTests (the README's
// test example) and JobsScheduleTests run it.
// tag::annotations[]
@Component
class Jobs {

	private final AtomicInteger greetings = new AtomicInteger();
	private final List<Integer> counts = new CopyOnWriteArrayList<>();

	@CallLater(delay = "3.5s")                        // once, 3.5 s after the context started
	void greet() { greetings.incrementAndGet(); }

	@Looping(interval = "1s")                         // the seed's loop: it stops itself on its fourth call
	void runEverySecond(LoopingCall loop) { if (loop.callCount() == 4) loop.stop(); }

	@Looping(interval = "${jobs.poll:1s}", onError = Looping.OnError.CONTINUE)
	void poll(int count) { counts.add(count); }       // withCount: intervals passed since the last call

	@Looping(interval = "1m", executor = "ioPool", name = "nightly-report")
	void report() { /* blocking I/O */ }              // runs on the Executor bean "ioPool"; the next call waits

	@CallLater(delay = "1s", timeout = "2s")
	CompletableFuture<String> query() {               // a stage still pending 2 s after the call is cancelled
		return new CompletableFuture<>();
	}

	int greetings() { return greetings.get(); }

	List<Integer> counts() { return counts; }
}
// end::annotations[]
