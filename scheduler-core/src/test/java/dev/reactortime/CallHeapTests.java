package dev.reactortime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap against {@link PriorityQueue} on random operations: adds, polls, calls moved earlier (a second entry),
 * cancels and purges. Keys are passed in, as in Agrona's timer wheel tests: nothing here reads a clock.
 */
class CallHeapTests {

	private final VirtualTimeReactor engine = new VirtualTimeReactor();

	private final CallSite site = new CallSite(this.engine, CallKind.CALL, CallOptions.DEFAULT);

	private long ids;

	private ScheduledCall call(long due) {
		return new ScheduledCall(this.site, ++this.ids, due, () -> {
		});
	}

	/** A reference entry: what the heap should hold. */
	private record Entry(long key, ScheduledCall call) {
	}

	private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::key)
		.thenComparingLong((entry) -> entry.call().id);

	/** Pops dead entries the way the reactor does, so both sides show the next live call. */
	private static ScheduledCall nextLive(CallHeap heap) {
		while (!heap.isEmpty()) {
			long key = heap.peekKey();
			ScheduledCall call = heap.peek();
			if (call.isPending() && call.due() == key) {
				return call;
			}
			heap.poll();
		}
		return null;
	}

	@Test
	void pollsLiveCallsInDueThenSchedulingOrderUnderRandomOperations() {
		Random random = new Random(42);
		CallHeap heap = new CallHeap();
		PriorityQueue<Entry> reference = new PriorityQueue<>(ORDER);
		Map<ScheduledCall, Entry> live = new HashMap<>();
		List<ScheduledCall> order = new ArrayList<>();
		for (int step = 0; step < 200_000; step++) {
			int op = random.nextInt(10);
			if (op < 5 || live.isEmpty()) {
				ScheduledCall call = call(random.nextInt(1000));
				heap.add(call, call.due());
				Entry entry = new Entry(call.due(), call);
				reference.add(entry);
				live.put(call, entry);
				order.add(call);
			}
			else if (op < 7) {
				ScheduledCall expected = reference.poll().call();
				assertThat(nextLive(heap)).isSameAs(expected);
				heap.poll();
				live.remove(expected);
				order.remove(expected);
				expected.claim(expected.due());
			}
			else if (op < 9) {
				// Moved earlier: the call gets a second entry at its new time (the old one is now dead).
				ScheduledCall call = order.get(random.nextInt(order.size()));
				if (call.due() > 0) {
					call.reset(java.time.Duration.ZERO); // due = the engine's clock, 0: earlier than before
					reference.remove(live.get(call));
					Entry entry = new Entry(call.due(), call);
					reference.add(entry);
					live.put(call, entry);
					heap.add(call, call.due());
				}
			}
			else {
				ScheduledCall call = order.remove(random.nextInt(order.size()));
				call.tryCancel();
				reference.remove(live.remove(call));
				if (random.nextInt(4) == 0) {
					heap.purge();
				}
			}
			ScheduledCall expected = reference.isEmpty() ? null : reference.peek().call();
			assertThat(nextLive(heap)).isSameAs(expected);
		}
	}

	@Test
	void purgingDropsDeadEntriesAndKeepsTheOrder() {
		CallHeap heap = new CallHeap();
		List<ScheduledCall> kept = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			ScheduledCall call = call(10_000 - i);
			heap.add(call, call.due());
			if (i % 3 == 0) {
				kept.add(call);
			}
			else {
				call.tryCancel();
			}
		}
		assertThat(heap.purge()).isEqualTo(10_000 - kept.size());
		assertThat(heap.size()).isEqualTo(kept.size());
		kept.sort(Comparator.comparingLong(ScheduledCall::due));
		for (ScheduledCall call : kept) {
			assertThat(heap.peekKey()).isEqualTo(call.due());
			assertThat(heap.poll()).isSameAs(call);
		}
		assertThat(heap.isEmpty()).isTrue();
		assertThat(heap.peekKey()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void callsDueTogetherComeOutInSchedulingOrder() {
		CallHeap heap = new CallHeap();
		List<ScheduledCall> calls = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			ScheduledCall call = call(7);
			calls.add(call);
		}
		for (int i = calls.size() - 1; i >= 0; i--) {
			heap.add(calls.get(i), 7);
		}
		for (ScheduledCall call : calls) {
			assertThat(heap.poll()).isSameAs(call);
		}
	}

	@Test
	void anEntryOfACallMovedLaterIsPushedBackAndOneMovedEarlierIsDropped() {
		ScheduledCall movedLater = call(10);
		ScheduledCall movedEarlier = call(20);
		CallHeap heap = new CallHeap();
		heap.add(movedLater, 10);
		heap.add(movedEarlier, 20);
		movedLater.delay(java.time.Duration.ofNanos(15));
		movedEarlier.reset(java.time.Duration.ofNanos(5));
		heap.add(movedEarlier, 5);
		assertThat(movedEarlier.claim(heap.peekKey())).isEqualTo(5);
		heap.poll();
		assertThat(movedLater.claim(heap.peekKey())).isEqualTo(ScheduledCall.LATER);
		heap.poll();
		assertThat(movedEarlier.claim(heap.peekKey())).isEqualTo(ScheduledCall.DROP);
	}

}
