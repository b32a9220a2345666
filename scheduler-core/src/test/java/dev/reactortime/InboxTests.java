package dev.reactortime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-producer, single-consumer inbox: nothing lost, nothing duplicated, each producer's order kept.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost element leaves a consumer polling for ever
class InboxTests {

	@Test
	void everyOfferFromFourProducersIsPolledOnceInEachProducersOrder() throws InterruptedException {
		Inbox inbox = new Inbox();
		int producers = 4;
		int perProducer = 250_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			int producer = p;
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < perProducer; i++) {
					inbox.offer(new long[] { producer, i });
				}
			});
			threads.add(thread);
			thread.start();
		}
		start.countDown();
		long[] next = new long[producers];
		int polled = 0;
		while (polled < producers * perProducer) {
			Object item = inbox.poll();
			if (item == null) {
				Thread.onSpinWait();
				continue;
			}
			long[] pair = (long[]) item;
			assertThat(pair[1]).isEqualTo(next[(int) pair[0]]);
			next[(int) pair[0]]++;
			polled++;
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(inbox.poll()).isNull();
		assertThat(inbox.isEmpty()).isTrue();
		assertThat(next).containsOnly(perProducer);
	}

	@Test
	void pollAllWaitsForAProducerCaughtBetweenItsExchangeAndItsLinkAndSeesEveryOfferBehindIt() throws Exception {
		Inbox inbox = new Inbox();
		inbox.offer("before");
		long stalled = inbox.claim(); // a producer preempted here hides every later offer
		inbox.offer("after");
		List<Object> polled = new java.util.concurrent.CopyOnWriteArrayList<>();
		Thread consumer = new Thread(() -> inbox.pollAll(polled::add));
		consumer.start();
		consumer.join(200);
		assertThat(consumer.isAlive()).as("pollAll waits for the stalled producer").isTrue();
		assertThat(polled).containsExactly("before");
		inbox.publish(stalled, "stalled"); // the producer runs again and stores its element
		consumer.join(10_000);
		assertThat(consumer.isAlive()).isFalse();
		assertThat(polled).containsExactly("before", "stalled", "after");
		assertThat(inbox.isEmpty()).isTrue();
	}

	@Test
	void aProducerStalledAtTheEndOfAChunkFindsItAfterOthersHaveMovedSeveralChunksOn() {
		Inbox inbox = new Inbox();
		for (int i = 0; i < Inbox.CHUNK_SIZE - 1; i++) {
			inbox.offer(i);
		}
		long stalled = inbox.claim(); // the last index of the first chunk
		int after = 5 * Inbox.CHUNK_SIZE + 7; // others create five chunks more meanwhile
		for (int i = 0; i < after; i++) {
			inbox.offer(Inbox.CHUNK_SIZE + i);
		}
		List<Object> polled = new ArrayList<>();
		Object item;
		while ((item = inbox.poll()) != null) {
			polled.add(item);
		}
		assertThat(polled).hasSize(Inbox.CHUNK_SIZE - 1);
		assertThat(inbox.isEmpty()).isFalse();
		inbox.publish(stalled, Inbox.CHUNK_SIZE - 1); // back from the newest chunk to the first
		while ((item = inbox.poll()) != null) {
			polled.add(item);
		}
		assertThat(polled).hasSize(Inbox.CHUNK_SIZE + after);
		for (int i = 0; i < polled.size(); i++) {
			assertThat(polled.get(i)).isEqualTo(i);
		}
		assertThat(inbox.isEmpty()).isTrue();
	}

	@Test
	void aProducerStalledAtTheStartOfAChunkThatOthersCreatedHidesWhatFollowsUntilItStores() {
		Inbox inbox = new Inbox();
		for (int i = 0; i < Inbox.CHUNK_SIZE; i++) {
			inbox.offer(i);
		}
		long stalled = inbox.claim(); // the first index of the second chunk, which it has not created yet
		inbox.offer(Inbox.CHUNK_SIZE + 1); // a later producer creates the chunk
		int polled = 0;
		while (inbox.poll() != null) {
			polled++;
		}
		assertThat(polled).isEqualTo(Inbox.CHUNK_SIZE);
		inbox.publish(stalled, Inbox.CHUNK_SIZE);
		assertThat(inbox.poll()).isEqualTo(Inbox.CHUNK_SIZE);
		assertThat(inbox.poll()).isEqualTo(Inbox.CHUNK_SIZE + 1);
		assertThat(inbox.poll()).isNull();
		assertThat(inbox.isEmpty()).isTrue();
	}

	@Test
	void hasPollableSaysWhetherPollWouldReturnAnElementWhileAProducerIsStalled() {
		Inbox inbox = new Inbox();
		assertThat(inbox.hasPollable()).isFalse();
		inbox.offer("first");
		assertThat(inbox.hasPollable()).isTrue();
		assertThat(inbox.poll()).isEqualTo("first");
		long stalled = inbox.claim(); // taken, not stored
		inbox.offer("behind");
		assertThat(inbox.isEmpty()).isFalse();
		assertThat(inbox.hasPollable()).as("the next index is not stored yet").isFalse();
		assertThat(inbox.poll()).isNull();
		inbox.publish(stalled, "stalled");
		assertThat(inbox.hasPollable()).isTrue();
		assertThat(inbox.poll()).isEqualTo("stalled");
		assertThat(inbox.hasPollable()).isTrue();
		assertThat(inbox.poll()).isEqualTo("behind");
		assertThat(inbox.hasPollable()).isFalse();
		assertThat(inbox.isEmpty()).isTrue();
	}

	@Test
	void hasPollableLooksIntoTheNextChunkAtABoundary() {
		Inbox inbox = new Inbox();
		for (int i = 0; i < Inbox.CHUNK_SIZE; i++) {
			inbox.offer(i);
		}
		while (inbox.poll() != null) {
			// the whole first chunk
		}
		long stalled = inbox.claim(); // the first index of the second chunk, not created yet
		assertThat(inbox.hasPollable()).as("no next chunk yet").isFalse();
		inbox.offer("behind"); // creates the second chunk
		assertThat(inbox.hasPollable()).as("its first entry is not stored yet").isFalse();
		inbox.publish(stalled, "stalled");
		assertThat(inbox.hasPollable()).isTrue();
		assertThat(inbox.poll()).isEqualTo("stalled");
		assertThat(inbox.poll()).isEqualTo("behind");
		assertThat(inbox.hasPollable()).isFalse();
	}

}
