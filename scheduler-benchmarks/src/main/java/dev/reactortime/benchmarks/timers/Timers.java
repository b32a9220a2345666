package dev.reactortime.benchmarks.timers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the adapters by name. The names are what the results and the {@code -p impl=...} options of JMH use.
 */
public final class Timers {

	/** Our reactor with default settings. */
	public static final String REACTOR = "reactor";

	/** Our reactor in precise mode ({@code spin(100 us)}). */
	public static final String REACTOR_PRECISE = "reactor-precise";

	/** {@code ScheduledThreadPoolExecutor}, one thread, remove-on-cancel. */
	public static final String STPE = "stpe";

	/** Spring's {@code ThreadPoolTaskScheduler}, one thread, remove-on-cancel. */
	public static final String SPRING = "spring";

	/** Netty's {@code HashedWheelTimer} with a 1 ms tick. */
	public static final String HWT_1MS = "hwt-1ms";

	/** Netty's {@code HashedWheelTimer} with a 100 ms tick. */
	public static final String HWT_100MS = "hwt-100ms";

	/** Agrona's {@code DeadlineTimerWheel}, single-threaded. */
	public static final String AGRONA = "agrona";

	/** {@code ForkJoinPool.schedule} (JDK 25 and later). */
	public static final String FJP = "fjp";

	/** How early precise mode stops parking before a deadline. */
	public static final Duration PRECISE_SPIN = Duration.ofNanos(100_000);

	private static final List<String> ALL = List.of(REACTOR, REACTOR_PRECISE, STPE, SPRING, HWT_1MS, HWT_100MS, AGRONA,
			FJP);

	private Timers() {
	}

	/**
	 * Every implementation name, ours first, in the order tables show them.
	 * @return the names
	 */
	public static List<String> all() {
		return ALL;
	}

	/**
	 * The implementations the running JVM can create ({@code fjp} needs JDK 25).
	 * @return the names
	 */
	public static List<String> available() {
		List<String> names = new ArrayList<>(ALL);
		if (!ForkJoinTimers.available()) {
			names.remove(FJP);
		}
		return names;
	}

	/**
	 * Creates and starts an adapter.
	 * @param name the implementation
	 * @param task the shared task the tracked operations schedule
	 * @param capacity the number of slots
	 * @param workload what the scenario does (sizes Agrona's wheel)
	 * @return the adapter, running
	 * @throws IllegalArgumentException for an unknown name
	 * @throws UnsupportedOperationException for {@code fjp} before JDK 25
	 */
	public static TimerAdapter create(String name, Runnable task, int capacity, Workload workload) {
		return switch (name) {
			case REACTOR -> new ReactorTimers(REACTOR, Duration.ZERO, task, capacity);
			case REACTOR_PRECISE -> new ReactorTimers(REACTOR_PRECISE, PRECISE_SPIN, task, capacity);
			case STPE -> new StpeTimers(task, capacity);
			case SPRING -> new SpringTimers(task, capacity);
			case HWT_1MS -> new NettyWheelTimers(HWT_1MS, 1, task, capacity);
			case HWT_100MS -> new NettyWheelTimers(HWT_100MS, 100, task, capacity);
			case AGRONA -> new AgronaWheelTimers(task, capacity, workload);
			case FJP -> new ForkJoinTimers(task, capacity);
			default -> throw new IllegalArgumentException("Unknown implementation '" + name + "'; known: " + ALL);
		};
	}

	/**
	 * Prints the available implementations, comma-separated, for {@code run.sh}.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		System.out.println(String.join(",", available()));
	}

}
