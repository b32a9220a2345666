package dev.reactortime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moving and cancelling calls never lets dead entries of the timer structure outgrow the live calls, whoever moves
 * them and however often.
 */
class MovedCallEntriesTests {

	/** Dead entries below this many are never reclaimed on purpose (a purge would cost more than they do). */
	private static final int SLACK = 2048;

	@Test
	void aCallMovedBackAndForthFromAnotherThreadKeepsOneEntryOnVirtualTime() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		DelayedCall call = reactor.callLater(Duration.ofHours(1), () -> {
		});
		for (int i = 0; i < 200_000; i++) {
			call.reset(Duration.ofSeconds(10));
			call.reset(Duration.ofSeconds(20));
		}
		reactor.advance(Duration.ZERO);
		assertThat(reactor.timers.size()).isLessThanOrEqualTo(SLACK);
		assertThat(reactor.getDelayedCalls()).containsExactly(call);
	}

	@Test
	void aCallMovedBackAndForthFromInsideACallKeepsOneEntry() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		DelayedCall call = reactor.callLater(Duration.ofHours(1), () -> {
		});
		int[] sizeAfterMoves = new int[1];
		reactor.callLater(Duration.ofSeconds(1), () -> {
			for (int i = 0; i < 200_000; i++) {
				call.reset(Duration.ofSeconds(10));
				call.reset(Duration.ofSeconds(20));
			}
			sizeAfterMoves[0] = reactor.timers.size();
		});
		reactor.advance(Duration.ofSeconds(1));
		assertThat(sizeAfterMoves[0]).isLessThanOrEqualTo(SLACK);
		int[] ticks = new int[1];
		reactor.loopingCall(() -> ticks[0]++).start(Duration.ofMillis(1));
		reactor.advance(Duration.ofSeconds(1));
		assertThat(ticks[0]).isEqualTo(1001);
		assertThat(reactor.timers.size()).isLessThanOrEqualTo(SLACK);
	}

	@Test
	void aCallMovedBackAndForthFromAnotherThreadKeepsOneEntryOnTheRealReactor() {
		EventLoopReactor reactor = (EventLoopReactor) Reactor.builder().daemon(true).threadName("moves").build();
		try {
			reactor.start();
			DelayedCall call = reactor.callLater(Duration.ofHours(1), () -> {
			});
			for (int i = 0; i < 200_000; i++) {
				call.reset(Duration.ofSeconds(10));
				call.reset(Duration.ofSeconds(20));
			}
			assertThat(reactor.onOwner(() -> reactor.timers.size(), -1)).isBetween(0, SLACK);
		}
		finally {
			reactor.close();
		}
	}

	@Test
	void aMassCancellationFromAnotherThreadIsReclaimedWhileTheReactorSleeps() {
		EventLoopReactor reactor = (EventLoopReactor) Reactor.builder().daemon(true).threadName("mass-cancel").build();
		try {
			reactor.start();
			List<DelayedCall> calls = new ArrayList<>();
			for (int i = 0; i < 300_000; i++) {
				calls.add(reactor.callLater(Duration.ofHours(2), () -> {
				}));
			}
			assertThat(reactor.onOwner(() -> reactor.timers.size(), -1)).isEqualTo(300_000);
			// Keep exactly the calls whose own cancel would have been the one to nudge the reactor (ids that are
			// multiples of 1024): which calls are cancelled must not matter, only how many.
			int kept = 0;
			for (DelayedCall call : calls) {
				if ((call.id() & 1023) == 0) {
					kept++;
				}
				else {
					call.cancel();
				}
			}
			int live = kept;
			await().atMost(Duration.ofSeconds(10))
				.until(() -> reactor.isParked() && reactor.wheelSizeAfterLastTurn() <= 2 * live + SLACK);
		}
		finally {
			reactor.close();
		}
	}

}
