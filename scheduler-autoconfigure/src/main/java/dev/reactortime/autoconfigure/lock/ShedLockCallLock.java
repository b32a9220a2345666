package dev.reactortime.autoconfigure.lock;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.reactortime.CallLock;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CallLock} on a ShedLock {@link LockProvider}: each run asks the provider for the lock with ShedLock's own
 * {@link LockConfiguration} (name, {@code lockAtMostFor}, {@code lockAtLeastFor}) and unlocks it after the run, which
 * keeps it until {@code lockAtLeastFor} has passed. What {@code @SchedulerLock} on a {@code @Looping} or
 * {@code @CallLater} method builds; programmatic calls can use it too:
 *
 * <pre>{@code
 * CallLock lock = new ShedLockCallLock(lockProvider, "nightly-report", Duration.ofMinutes(10), Duration.ZERO, lockIo);
 * reactor.callLater(CallOptions.named("nightly-report").withLock(lock), Duration.ofHours(1), this::report);
 * }</pre>
 *
 * <p>The body runs as ShedLock's own {@code LockingTaskExecutor} would run it: {@code LockAssert.assertLocked()}
 * passes inside it, {@code LockExtender.extendActiveLock} extends the lock, and with
 * {@code @EnableSchedulerLock(interceptMode = PROXY_METHOD)} ShedLock's method interceptor finds the lock already held
 * and does not take it a second time.
 */
public final class ShedLockCallLock implements CallLock {

	private final LockProvider provider;

	private final String name;

	private final Duration lockAtMostFor;

	private final Duration lockAtLeastFor;

	private final Executor executor;

	private final Supplier<Instant> clock;

	/**
	 * A lock whose configurations are created at ShedLock's {@link ClockProvider#now()}.
	 * @param provider the provider
	 * @param name the lock's name
	 * @param lockAtMostFor how long the lock is kept if its holder dies, positive
	 * @param lockAtLeastFor how long the lock is kept at least after it was taken, at most {@code lockAtMostFor}
	 * @param executor where the lock is taken and released (I/O): never the reactor thread of a real-time reactor
	 */
	public ShedLockCallLock(LockProvider provider, String name, Duration lockAtMostFor, Duration lockAtLeastFor,
			Executor executor) {
		this(provider, name, lockAtMostFor, lockAtLeastFor, executor, ClockProvider::now);
	}

	/**
	 * A lock whose configurations are created at the time {@code clock} gives (a virtual reactor's, in tests).
	 * @param provider the provider
	 * @param name the lock's name
	 * @param lockAtMostFor how long the lock is kept if its holder dies, positive
	 * @param lockAtLeastFor how long the lock is kept at least after it was taken, at most {@code lockAtMostFor}
	 * @param executor where the lock is taken and released
	 * @param clock the time of each attempt
	 */
	public ShedLockCallLock(LockProvider provider, String name, Duration lockAtMostFor, Duration lockAtLeastFor,
			Executor executor, Supplier<Instant> clock) {
		this.provider = Objects.requireNonNull(provider, "provider must not be null");
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.lockAtMostFor = Objects.requireNonNull(lockAtMostFor, "lockAtMostFor must not be null");
		this.lockAtLeastFor = Objects.requireNonNull(lockAtLeastFor, "lockAtLeastFor must not be null");
		this.executor = Objects.requireNonNull(executor, "executor must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		if (lockAtMostFor.isNegative() || lockAtMostFor.isZero()) {
			throw new IllegalArgumentException("lockAtMostFor must be positive, but is " + lockAtMostFor);
		}
		if (lockAtLeastFor.isNegative() || lockAtLeastFor.compareTo(lockAtMostFor) > 0) {
			throw new IllegalArgumentException("lockAtLeastFor must be from 0 to lockAtMostFor (" + lockAtMostFor
					+ "), but is " + lockAtLeastFor);
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Executor executor() {
		return this.executor;
	}

	/**
	 * How long the lock is kept if its holder dies.
	 * @return {@code lockAtMostFor}
	 */
	public Duration lockAtMostFor() {
		return this.lockAtMostFor;
	}

	/**
	 * How long the lock is kept at least after it was taken.
	 * @return {@code lockAtLeastFor}
	 */
	public Duration lockAtLeastFor() {
		return this.lockAtLeastFor;
	}

	@Override
	public @Nullable Lease tryLock() {
		LockConfiguration configuration = new LockConfiguration(this.clock.get(), this.name, this.lockAtMostFor,
				this.lockAtLeastFor);
		Optional<SimpleLock> lock = this.provider.lock(configuration);
		return lock.map((taken) -> new ShedLockLease(configuration, taken)).orElse(null);
	}

	@Override
	public String toString() {
		return "ShedLockCallLock[" + this.name + ", lockAtMostFor=" + this.lockAtMostFor + ", lockAtLeastFor="
				+ this.lockAtLeastFor + "]";
	}

	/**
	 * A lock taken for one run. Inside the body, ShedLock's thread-bound state says the lock is held, through ShedLock's
	 * own executor given a provider that hands over this lease: the public way to set it.
	 */
	private static final class ShedLockLease implements Lease {

		private final LockConfiguration configuration;

		/** The lock to unlock: the one taken, or the one an extension returned. */
		private volatile SimpleLock current;

		ShedLockLease(LockConfiguration configuration, SimpleLock taken) {
			this.configuration = configuration;
			this.current = taken;
		}

		@Override
		public <T> T holding(Callable<T> body) throws Exception {
			DefaultLockingTaskExecutor executor = new DefaultLockingTaskExecutor(
					(configuration) -> Optional.of(new HeldLock()));
			TaskResult<T> result;
			try {
				result = executor.executeWithLock(body::call, this.configuration);
			}
			catch (Exception | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new UndeclaredThrowableException(ex);
			}
			return result.getResult();
		}

		@Override
		public void release() {
			this.current.unlock();
		}

		/**
		 * The lease as the body's ShedLock sees it: unlocking is left to {@link #release()}, after the run, off the
		 * reactor thread; extending extends the real lock.
		 */
		private final class HeldLock implements SimpleLock {

			@Override
			public void unlock() {
			}

			@Override
			public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
				Optional<SimpleLock> extended = ShedLockLease.this.current.extend(lockAtMostFor, lockAtLeastFor);
				extended.ifPresent((lock) -> ShedLockLease.this.current = lock);
				return extended.map((lock) -> new HeldLock());
			}

		}

	}

}
