package dev.reactortime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code close()} racing the threads that schedule calls and start, reset and stop loops: after {@code close()}
 * returns, no accepted call is left active, every loop is stopped and every start future is complete.
 *
 * <p>Each test repeats the race enough times that the defects it guards against (found by attacking the core)
 * show up in most runs of the old code (the virtual-time and loop races in nearly every run, the real reactor's,
 * whose window is a producer preempted between two instructions, in about half; {@code InboxTests} pins that
 * window down deterministically); the {@code stress-full} versions repeat them ten times more.
 */
class ShutdownRaceTests {

	private static final int PRODUCERS = 6;

	private static ExecutorService producers;

	@BeforeAll
	static void startProducers() {
		producers = Executors.newFixedThreadPool(PRODUCERS + 1);
	}

	@AfterAll
	static void stopProducers() {
		producers.shutdownNow();
	}

	@Test
	void callsAcceptedWhileTheReactorClosesAreNeverLeftActive() throws Exception {
		closeRacingCallLater(100);
	}

	@Test
	@Tag("stress-full")
	void callsAcceptedWhileTheReactorClosesAreNeverLeftActiveStress() throws Exception {
		closeRacingCallLater(1000);
	}

	@Test
	void virtualTimeCallsAcceptedWhileTheReactorClosesAreNeverLeftActive() throws Exception {
		virtualCloseRacingCallLater(60);
	}

	@Test
	@Tag("stress-full")
	void virtualTimeCallsAcceptedWhileTheReactorClosesAreNeverLeftActiveStress() throws Exception {
		virtualCloseRacingCallLater(1000);
	}

	private void virtualCloseRacingCallLater(int rounds) throws Exception {
		for (int round = 0; round < rounds; round++) {
			VirtualTimeReactor reactor = new VirtualTimeReactor();
			List<DelayedCall> accepted = race(reactor, reactor::close);
			assertThat(accepted).as("round %d", round).noneMatch(DelayedCall::active);
		}
	}

	private void closeRacingCallLater(int rounds) throws Exception {
		for (int round = 0; round < rounds; round++) {
			Reactor reactor = Reactor.builder().daemon(true).threadName("closing-reactor")
				.watchdogThreshold(Duration.ZERO)
				.build();
			reactor.start();
			List<DelayedCall> accepted = race(reactor, reactor::close);
			List<DelayedCall> stillActive = accepted.stream().filter(DelayedCall::active).toList();
			assertThat(stillActive).as("round %d: calls accepted before close() and never cancelled", round).isEmpty();
		}
	}

	/**
	 * Six threads schedule one-hour calls as fast as they can while {@code closer} runs after a random short spin.
	 * @return the calls whose {@code callLater} returned normally
	 */
	private List<DelayedCall> race(Reactor reactor, Runnable closer) throws Exception {
		ConcurrentLinkedQueue<DelayedCall> accepted = new ConcurrentLinkedQueue<>();
		CyclicBarrier barrier = new CyclicBarrier(PRODUCERS + 1);
		CountDownLatch done = new CountDownLatch(PRODUCERS + 1);
		for (int p = 0; p < PRODUCERS; p++) {
			producers.execute(() -> {
				try {
					barrier.await();
					for (int i = 0; i < 100_000; i++) {
						accepted.add(reactor.callLater(Duration.ofHours(1), () -> {
						}));
					}
				}
				catch (IllegalStateException closed) {
					// expected: the reactor closed
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					done.countDown();
				}
			});
		}
		producers.execute(() -> {
			try {
				barrier.await();
				spin(ThreadLocalRandom.current().nextInt(10_000, 100_000));
				closer.run();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				done.countDown();
			}
		});
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		return new ArrayList<>(accepted);
	}

	@Test
	void loopsStartedResetAndStoppedWhileTheReactorClosesAreAllStoppedWithTheirFuturesComplete() throws Exception {
		loopsRacingClose(100);
	}

	@Test
	@Tag("stress-full")
	void loopsRacingCloseStress() throws Exception {
		loopsRacingClose(3000);
	}

	private void loopsRacingClose(int rounds) throws Exception {
		ExecutorService bodies = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < rounds; round++) {
				Reactor reactor = Reactor.builder().daemon(true).threadName("closing-loops").build();
				reactor.start();
				List<LoopingCall> loops = new ArrayList<>();
				for (int i = 0; i < PRODUCERS; i++) {
					CallOptions options = (i % 2 == 0) ? CallOptions.DEFAULT
							: CallOptions.named("on-executor-" + i).withExecutor(bodies);
					loops.add(reactor.loopingCall(options, () -> spin(200)));
				}
				ConcurrentLinkedQueue<CompletableFuture<LoopingCall>> futures = new ConcurrentLinkedQueue<>();
				CyclicBarrier barrier = new CyclicBarrier(PRODUCERS + 1);
				CountDownLatch done = new CountDownLatch(PRODUCERS + 1);
				for (LoopingCall loop : loops) {
					producers.execute(() -> {
						try {
							barrier.await();
							for (int i = 0; i < 2_000; i++) {
								try {
									if (!loop.isRunning()) {
										futures.add(loop.start(Duration.ofNanos(1000 * (i % 3)), i % 2 == 0));
									}
									else if (i % 3 == 0) {
										loop.reset();
									}
									else if (i % 7 == 0) {
										loop.stop();
									}
								}
								catch (IllegalStateException expected) {
									// closed, already running or already stopped: a race lost, nothing changed
								}
							}
						}
						catch (Exception ex) {
							throw new IllegalStateException(ex);
						}
						finally {
							done.countDown();
						}
					});
				}
				producers.execute(() -> {
					try {
						barrier.await();
						spin(ThreadLocalRandom.current().nextInt(50_000, 500_000));
						reactor.close();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					finally {
						done.countDown();
					}
				});
				assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
				for (LoopingCall loop : loops) {
					assertThat(loop.isRunning()).as("round %d: %s after close()", round, loop).isFalse();
				}
				// A body that ran on the executor as the reactor closed may have taken its loop's future and complete
				// it a moment after close() returned: each must complete, soon.
				for (CompletableFuture<LoopingCall> future : futures) {
					try {
						future.get(10, TimeUnit.SECONDS);
					}
					catch (ExecutionException failed) {
						// completed, exceptionally: a body failed
					}
					catch (TimeoutException ex) {
						throw new AssertionError("round " + round + ": a start future still pending 10 s after close()");
					}
				}
			}
		}
		finally {
			bodies.shutdownNow();
		}
	}

	@Test
	void aLoopStartedAfterCloseThrowsAndStaysStopped() {
		Reactor reactor = Reactor.builder().daemon(true).build();
		reactor.start();
		LoopingCall loop = reactor.loopingCall(() -> {
		});
		reactor.close();
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> loop.start(Duration.ofSeconds(1)));
		assertThat(loop.isRunning()).isFalse();
	}

	@Test
	void aCallHandedToItsExecutorBeforeCloseStillRunsAfterCloseReturned() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Reactor reactor = Reactor.builder().daemon(true).build();
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			AtomicInteger finished = new AtomicInteger();
			reactor.callLater(CallOptions.named("on-executor").withExecutor(executor), Duration.ZERO, () -> {
				started.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finished.incrementAndGet();
			});
			reactor.start();
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			reactor.close();
			assertThat(finished).hasValue(0);
			release.countDown();
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			assertThat(finished).as("close() neither waits for nor interrupts work already on an executor").hasValue(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	static void spin(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}

}
