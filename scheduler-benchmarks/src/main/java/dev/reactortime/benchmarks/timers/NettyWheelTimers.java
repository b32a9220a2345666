package dev.reactortime.benchmarks.timers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;

/**
 * Netty's {@link HashedWheelTimer} with the given tick and 512 buckets (Netty's default). Its {@link Timeout} has no
 * "remaining delay", so rescheduling later reads the private deadline through a {@link VarHandle}: the cost a
 * user pays for keeping the deadline beside the handle, without an extra object.
 */
final class NettyWheelTimers implements TimerAdapter {

	private static final int TICKS_PER_WHEEL = 512;

	private static final VarHandle TIMEOUT_DEADLINE;

	private static final VarHandle TIMER_START_TIME;

	static {
		try {
			Class<?> timeoutClass = Class.forName("io.netty.util.HashedWheelTimer$HashedWheelTimeout");
			TIMEOUT_DEADLINE = MethodHandles.privateLookupIn(timeoutClass, MethodHandles.lookup())
				.findVarHandle(timeoutClass, "deadline", long.class);
			TIMER_START_TIME = MethodHandles.privateLookupIn(HashedWheelTimer.class, MethodHandles.lookup())
				.findVarHandle(HashedWheelTimer.class, "startTime", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final String name;

	private final HashedWheelTimer timer;

	private final TimerTask task;

	private final Timeout[] timeouts;

	private final long startTime;

	NettyWheelTimers(String name, long tickMillis, Runnable task, int capacity) {
		this.name = name;
		this.timer = new HashedWheelTimer((runnable) -> {
			Thread thread = new Thread(runnable, name + "-bench");
			thread.setDaemon(true);
			return thread;
		}, tickMillis, TimeUnit.MILLISECONDS, TICKS_PER_WHEEL, false);
		this.timer.start();
		this.startTime = (long) TIMER_START_TIME.getVolatile(this.timer);
		this.task = (timeout) -> task.run();
		this.timeouts = new Timeout[capacity];
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Threading threading() {
		return Threading.OWN_THREAD;
	}

	@Override
	public int capacity() {
		return this.timeouts.length;
	}

	@Override
	public void schedule(int slot, long delayNanos) {
		this.timeouts[slot] = this.timer.newTimeout(this.task, delayNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void cancel(int slot) {
		this.timeouts[slot].cancel();
	}

	@Override
	public void forget(int slot) {
		this.timeouts[slot] = null;
	}

	@Override
	public void reschedule(int slot, long laterByNanos) {
		Timeout timeout = this.timeouts[slot];
		long remaining = (long) TIMEOUT_DEADLINE.get(timeout) + this.startTime - System.nanoTime();
		timeout.cancel();
		this.timeouts[slot] = this.timer.newTimeout(this.task, Math.max(0, remaining + laterByNanos),
				TimeUnit.NANOSECONDS);
	}

	@Override
	public void submit(Runnable task, long delayNanos) {
		this.timer.newTimeout((timeout) -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void runOnTimerThread(Runnable batch) {
		Handoff.run(batch, (handoff) -> this.timer.newTimeout((timeout) -> handoff.run(), 0, TimeUnit.NANOSECONDS));
	}

	@Override
	public int poll() {
		return 0;
	}

	@Override
	public void close() {
		this.timer.stop();
	}

}
