package dev.reactortime.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.reactortime.CallLock;
import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.lock.ReactortimeLockProperties;
import dev.reactortime.autoconfigure.lock.ShedLockCallLock;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringValueResolver;

/**
 * Reads ShedLock's {@link SchedulerLock @SchedulerLock} on {@code @Looping} and {@code @CallLater} methods into a
 * {@link ShedLockCallLock}, and owns the threads that take and release those locks. Loaded only when ShedLock is on
 * the classpath ({@link #isPresent}), so the annotation post-processor never touches ShedLock's classes otherwise.
 *
 * <p>Rules: an empty {@code name} is the call's name; an empty {@code lockAtMostFor} is
 * {@code reactortime.lock.default-at-most-for}; an empty {@code lockAtLeastFor} is half a loop's interval (at most
 * {@code lockAtMostFor}: instances whose clocks differ by less than that never run one tick twice) and zero for a
 * {@code @CallLater} (ShedLock's default). Startup fails, naming {@code bean#method}, the attribute and the value,
 * when the context has no {@code LockProvider}, a duration does not parse or is out of range, or two calls share a lock
 * name without both naming it explicitly.
 *
 * <p>On a {@link VirtualTimeReactor} the locks are taken on the caller's thread at the reactor's time, so a test that
 * advances the reactor sees locked calls run (or skip) in order, as it sees every other call.
 */
final class SchedulerLocks {

	private static final String SCHEDULER_LOCK = "net.javacrumbs.shedlock.spring.annotation.SchedulerLock";

	/** ShedLock's interceptor under {@code @EnableSchedulerLock(interceptMode = PROXY_METHOD)}. */
	private static final String METHOD_ADVISOR = "net.javacrumbs.shedlock.spring.aop.MethodProxyScheduledLockAdvisor";

	private static final AtomicInteger pools = new AtomicInteger();

	private final ListableBeanFactory beanFactory;

	private final @Nullable StringValueResolver resolver;

	private final Supplier<Reactor> reactorLookup;

	/** The context's reactor, looked up at the first lock attempt (the context may be closing later). */
	private volatile @Nullable Reactor reactor;

	private final Object monitor = new Object();

	/** Lock names in use: who took each, and whether it was named explicitly. */
	private final Map<String, Claim> names = new HashMap<>();

	private @Nullable ReactortimeLockProperties properties;

	private @Nullable ThreadPoolExecutor threads;

	private boolean closed;

	SchedulerLocks(ListableBeanFactory beanFactory, @Nullable StringValueResolver resolver, Supplier<Reactor> reactor) {
		this.beanFactory = beanFactory;
		this.resolver = resolver;
		this.reactorLookup = reactor;
	}

	/**
	 * Whether ShedLock's annotation and core are on the classpath.
	 * @param classLoader the class loader to look in
	 * @return {@code true} if locks can be read
	 */
	static boolean isPresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(SCHEDULER_LOCK, classLoader)
				&& ClassUtils.isPresent("net.javacrumbs.shedlock.core.LockProvider", classLoader);
	}

	/**
	 * The lock of a method, or {@code null} if it carries no {@code @SchedulerLock}.
	 * @param annotation {@code @Looping} or {@code @CallLater}, for messages
	 * @param source {@code bean#method}
	 * @param method the method
	 * @param callName the call's name
	 * @param interval a loop's interval, or {@code null} for a {@code @CallLater}
	 * @return the lock
	 */
	@Nullable CallLock read(String annotation, String source, Method method, String callName,
			@Nullable Duration interval) {
		SchedulerLock lock = AnnotatedElementUtils.findMergedAnnotation(method, SchedulerLock.class);
		if (lock == null) {
			return null;
		}
		Site site = new Site(annotation, source);
		String given = resolve(site, "name", lock.name());
		boolean explicit = !given.isEmpty();
		String name = explicit ? given : callName;
		if (!explicit && advisorPresent()) {
			throw site.invalid("@SchedulerLock has no 'name', and @EnableSchedulerLock(interceptMode = PROXY_METHOD) "
					+ "makes ShedLock's own interceptor read it too, which needs one: set 'name' (for instance '"
					+ callName + "'), or remove @EnableSchedulerLock (reactortime needs no interceptor)");
		}
		ReactortimeLockProperties properties = properties();
		Duration atMost = duration(site, "lockAtMostFor", lock.lockAtMostFor());
		if (atMost == null) {
			atMost = properties.getDefaultAtMostFor();
		}
		else if (atMost.isZero()) {
			throw site.invalid(site.attribute("lockAtMostFor", lock.lockAtMostFor())
					+ " must be positive: the lock would expire as soon as it is taken");
		}
		Duration atLeast = duration(site, "lockAtLeastFor", lock.lockAtLeastFor());
		if (atLeast == null) {
			atLeast = (interval != null) ? min(interval.dividedBy(2), atMost) : Duration.ZERO;
		}
		else if (atLeast.compareTo(atMost) > 0) {
			throw site.invalid(site.attribute("lockAtLeastFor", lock.lockAtLeastFor()) + " (" + atLeast
					+ ") is longer than lockAtMostFor (" + atMost + "): a lock cannot be kept longer than it lives");
		}
		LockProvider provider = provider(site);
		claim(site, method, name, explicit);
		return new ShedLockCallLock(provider, name, atMost, atLeast, this::execute, this::now);
	}

	private void claim(Site site, Method method, String name, boolean explicit) {
		synchronized (this.monitor) {
			Claim claim = new Claim(site.source(), method, explicit);
			Claim previous = this.names.putIfAbsent(name, claim);
			// Instances of one prototype share their lock: the same method of the same bean is no conflict.
			if (previous != null && !previous.sameMethod(claim) && !(previous.explicit() && explicit)) {
				throw site.invalid("@SchedulerLock name '" + name + "' is already the lock of '" + previous.source()
						+ "', so the two would never run at the same time; if that is what you mean, give both "
						+ "@SchedulerLock annotations this name explicitly, otherwise give this one a name of its own");
			}
		}
	}

	private LockProvider provider(Site site) {
		if (this.beanFactory.getBeanNamesForType(LockProvider.class, true, false).length == 0) {
			throw site.invalid("@SchedulerLock needs a ShedLock LockProvider bean, and the context has none, so the "
					+ "method would run on every instance: define one (such as a JdbcTemplateLockProvider or a "
					+ "RedisLockProvider), or add shedlock-provider-jdbc-template next to a DataSource for the "
					+ "auto-configured one");
		}
		try {
			LockProvider provider = this.beanFactory.getBeanProvider(LockProvider.class).getIfUnique();
			if (provider == null) {
				throw new NoUniqueBeanDefinitionException(LockProvider.class);
			}
			return provider;
		}
		catch (NoUniqueBeanDefinitionException ex) {
			throw site.invalid("@SchedulerLock needs one LockProvider bean, and the context has several: mark the "
					+ "one for locks @Primary");
		}
	}

	private boolean advisorPresent() {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(METHOD_ADVISOR, classLoader)) {
			return false;
		}
		Class<?> advisor = ClassUtils.resolveClassName(METHOD_ADVISOR, classLoader);
		return this.beanFactory.getBeanNamesForType(advisor, true, false).length > 0;
	}

	private ReactortimeLockProperties properties() {
		synchronized (this.monitor) {
			ReactortimeLockProperties properties = this.properties;
			if (properties == null) {
				// Bound here rather than injected: the post-processor exists before the properties bean.
				Environment environment = (this.beanFactory instanceof ApplicationContext context)
						? context.getEnvironment() : null;
				properties = (environment != null) ? Binder.get(environment)
					.bindOrCreate("reactortime.lock", ReactortimeLockProperties.class) : new ReactortimeLockProperties();
				this.properties = properties;
			}
			return properties;
		}
	}

	private @Nullable Duration duration(Site site, String name, String attribute) {
		String value = resolve(site, name, attribute);
		if (value.isEmpty()) {
			return null;
		}
		Duration duration;
		try {
			duration = AnnotationDurations.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw site.invalid(site.attribute(name, attribute) + ((value.equals(attribute.trim())) ? ""
					: " (resolved to '" + value + "')")
					+ " is not a duration: use 10s, 500ms, ISO-8601 PT30S or plain milliseconds");
		}
		if (duration.isNegative()) {
			throw site.invalid(site.attribute(name, attribute) + " must not be negative");
		}
		return duration;
	}

	private String resolve(Site site, String name, String attribute) {
		if (this.resolver == null || attribute.isEmpty()) {
			return attribute.trim();
		}
		try {
			String resolved = this.resolver.resolveStringValue(attribute);
			return (resolved != null) ? resolved.trim() : "";
		}
		catch (IllegalArgumentException ex) {
			throw site.invalid(site.attribute(name, attribute) + " cannot be resolved: " + ex.getMessage());
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private Reactor reactor() {
		Reactor reactor = this.reactor;
		if (reactor == null) {
			reactor = this.reactorLookup.get();
			this.reactor = reactor;
		}
		return reactor;
	}

	private Instant now() {
		Reactor reactor = reactor();
		return (reactor instanceof VirtualTimeReactor) ? reactor.now() : ClockProvider.now();
	}

	/**
	 * Where locks are taken and released: the caller's thread on a {@link VirtualTimeReactor}, else a pool of daemon
	 * threads that exist only while there is lock I/O to do (one per locked call taking its lock at most).
	 */
	private void execute(Runnable task) {
		if (reactor() instanceof VirtualTimeReactor) {
			task.run();
			return;
		}
		threads().execute(task);
	}

	private ThreadPoolExecutor threads() {
		synchronized (this.monitor) {
			ThreadPoolExecutor threads = this.threads;
			if (threads == null) {
				if (this.closed) {
					throw new RejectedExecutionException("The application context is closed");
				}
				int pool = pools.incrementAndGet();
				AtomicInteger count = new AtomicInteger();
				// Unbounded: a store that hangs holds one thread per locked call, and must not hold the others up.
				threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
						(runnable) -> {
							Thread thread = new Thread(runnable, "reactortime-lock-" + pool + "-" + count.incrementAndGet());
							thread.setDaemon(true);
							return thread;
						});
				this.threads = threads;
			}
			return threads;
		}
	}

	/**
	 * Lets the releases still queued finish, and takes no new work (the context is closing).
	 */
	void close() {
		synchronized (this.monitor) {
			this.closed = true;
			if (this.threads != null) {
				this.threads.shutdown();
			}
		}
	}

	private record Claim(String source, Method method, boolean explicit) {

		boolean sameMethod(Claim other) {
			return this.source.equals(other.source) && this.method.equals(other.method);
		}

	}

	private record Site(String annotation, String source) {

		IllegalStateException invalid(String reason) {
			return new IllegalStateException("Invalid " + this.annotation + " method '" + this.source + "': " + reason);
		}

		String attribute(String name, String value) {
			return "@SchedulerLock attribute '" + name + "' value '" + value + "'";
		}

	}

}
