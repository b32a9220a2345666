package dev.reactortime.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.reactortime.CallOptions;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringValueResolver;

/**
 * Reads and validates the {@code @CallLater} and {@code @Looping} annotations of one bean method into an
 * {@link AnnotatedMethod}. Every mistake is an {@link InvalidAnnotatedMethodException} that names {@code bean#method},
 * the attribute or parameter and the bad value, says what is wrong and what to do, in the style of Spring's
 * "Encountered invalid @Scheduled method".
 */
final class AnnotatedMethodFactory {

	/** RFC 3986 unreserved characters: a name the endpoints can carry in a URL path as it is. */
	private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

	private static final Pattern NOT_URL_SAFE = Pattern.compile("[^A-Za-z0-9._~-]");

	private final BeanFactory beanFactory;

	private final @Nullable StringValueResolver resolver;

	/** Reads ShedLock's {@code @SchedulerLock}; {@code null} without ShedLock on the classpath. */
	private final @Nullable SchedulerLocks locks;

	AnnotatedMethodFactory(BeanFactory beanFactory, @Nullable StringValueResolver resolver) {
		this.beanFactory = beanFactory;
		this.resolver = resolver;
		ClassLoader classLoader = (beanFactory instanceof ResourceLoader context) ? context.getClassLoader()
				: getClass().getClassLoader();
		this.locks = (beanFactory instanceof ListableBeanFactory listable && SchedulerLocks.isPresent(classLoader))
						? new SchedulerLocks(listable, resolver, () -> beanFactory.getBean(Reactor.class)) : null;
	}

	/**
	 * The options with the method's {@code @SchedulerLock}, if it has one.
	 */
	private CallOptions withLock(Site site, Method method, CallOptions options, @Nullable Duration interval) {
		SchedulerLocks locks = this.locks;
		return (locks != null)
				? options.withLock(locks.read(site.annotation(), site.source(), method, options.name(), interval))
				: options;
	}

	/**
	 * Ends what reading locks started (the threads that take them), when the context closes.
	 */
	void close() {
		if (this.locks != null) {
			this.locks.close();
		}
	}

	/**
	 * Default name of an annotated method: {@code beanName.methodName}, with every character that is not
	 * URL-safe replaced by {@code -} (bean names such as {@code com.example.Task#0} are legal).
	 * @param beanName the bean name
	 * @param method the method
	 * @return the name
	 */
	static String defaultName(String beanName, Method method) {
		return NOT_URL_SAFE.matcher(beanName + "." + method.getName()).replaceAll("-");
	}

	AnnotatedMethod create(String beanName, Class<?> exposedType, Method method, @Nullable CallLater callLater,
			@Nullable Looping looping) {
		Site site = new Site((looping != null) ? "@Looping" : "@CallLater", beanName, method);
		if (callLater != null && looping != null) {
			throw site.invalid("a method may carry @CallLater or @Looping, not both",
					"Remove one of them: @CallLater calls the method once, @Looping again and again.");
		}
		Method invocable = invocable(site, method, exposedType);
		if (looping != null) {
			return looping(site, beanName, invocable, looping);
		}
		return delayed(site, beanName, invocable, callLater);
	}

	private DelayedMethod delayed(Site site, String beanName, Method method, CallLater annotation) {
		if (method.getParameterCount() > 0) {
			throw site.invalid("@CallLater methods take no parameters, but it takes "
					+ Arrays.stream(method.getParameterTypes()).map(Class::getName).toList(),
					"Remove the parameters; the method can read what it needs from its bean's fields.");
		}
		Duration delay = duration(site, "delay", annotation.delay());
		boolean async = CompletionStage.class.isAssignableFrom(method.getReturnType());
		Duration timeout = null;
		if (!annotation.timeout().isEmpty()) {
			timeout = duration(site, "timeout", annotation.timeout());
			if (!async) {
				throw site.invalidAttribute("timeout", annotation.timeout(), null,
						"needs a method that returns a CompletionStage, but it returns "
								+ method.getReturnType().getSimpleName(),
						"Return a CompletionStage (such as a CompletableFuture) for the timeout to bound, or remove "
								+ "'timeout'.");
			}
		}
		CallOptions options = withLock(site, method,
				options(site, beanName, method, annotation.name(), annotation.executor()), null);
		return new DelayedMethod(options.name(), site.source(), method, delay, options, async, timeout);
	}

	private LoopingMethod looping(Site site, String beanName, Method method, Looping annotation) {
		List<LoopingMethod.Parameter> parameters = parameters(site, method);
		boolean async = CompletionStage.class.isAssignableFrom(method.getReturnType());
		if (async && parameters.stream().anyMatch(LoopingMethod.Parameter::isCount)) {
			throw site.invalid("a method that returns a CompletionStage cannot take the count: "
					+ "asynchronous loops are not withCount loops; drop the int/long parameter",
					"Remove the int or long parameter, or return void to count missed intervals.");
		}
		String intervalValue = resolve(site, "interval", annotation.interval());
		String cronValue = resolve(site, "cron", annotation.cron());
		String zoneValue = resolve(site, "zone", annotation.zone());
		if (!intervalValue.isEmpty() && !cronValue.isEmpty()) {
			throw site.invalidAttribute("cron", annotation.cron(), cronValue,
					"is given together with 'interval' ('" + annotation.interval() + "'): give exactly one of them",
					"Remove 'interval' to run at the cron times, or remove 'cron' to run every interval.");
		}
		Duration initialDelay = annotation.initialDelay().isEmpty() ? null
				: duration(site, "initialDelay", annotation.initialDelay());
		if (!cronValue.isEmpty()) {
			CronSchedule cron = cron(site, annotation, cronValue, zoneValue);
			CallOptions options = withLock(site, method,
					options(site, beanName, method, annotation.name(), annotation.executor()), null)
				.withContinueOnError(annotation.onError() == Looping.OnError.CONTINUE);
			return new LoopingMethod(options.name(), site.source(), method, parameters, cron, annotation.now(),
					initialDelay, options, async);
		}
		if (!zoneValue.isEmpty()) {
			throw site.invalidAttribute("zone", annotation.zone(), zoneValue,
					"applies to 'cron' only, but the loop runs every 'interval'",
					"Remove 'zone', or replace 'interval' with a 'cron' expression.");
		}
		if (annotation.interval().isEmpty()) {
			// Written empty (not resolved to empty, which parse() reports with the value): no schedule at all.
			throw site.invalid("neither 'interval' nor 'cron' is given: give exactly one of them",
					"Add interval = \"1s\" (every second) or cron = \"0 0 2 * * *\" (every night at 02:00).");
		}
		Duration interval = parse(site, "interval", annotation.interval(), intervalValue);
		if (interval.isZero()) {
			// Twisted's LoopingCall.start(0) runs the body once per reactor turn. In an annotation that is almost
			// always a slip (a unit left out, a property left empty), and it would keep a core busy for as long as
			// the application runs; the programmatic API still accepts it.
			throw site.invalidAttribute("interval", annotation.interval(), intervalValue,
					"must not be zero: the method would run on every turn of the reactor and keep a core busy",
					"Give 'interval' a positive duration, such as 1s or 500ms. A loop that should run on every turn "
							+ "of the reactor can be started in code: reactor.loopingCall(task).start(Duration.ZERO).");
		}
		CallOptions options = withLock(site, method,
				options(site, beanName, method, annotation.name(), annotation.executor()), interval)
			.withContinueOnError(annotation.onError() == Looping.OnError.CONTINUE);
		return new LoopingMethod(options.name(), site.source(), method, parameters,
				dev.reactortime.Schedule.every(interval), annotation.now(), initialDelay, options, async);
	}

	private static CronSchedule cron(Site site, Looping annotation, String cronValue, String zoneValue) {
		ZoneId zone;
		try {
			zone = zoneValue.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zoneValue);
		}
		catch (DateTimeException ex) {
			throw site.invalidAttribute("zone", annotation.zone(), zoneValue,
					"is not a time zone: " + ex.getMessage(),
					"Give 'zone' a region id such as Europe/Berlin or UTC, or leave it empty for the system's zone.");
		}
		try {
			return CronSchedule.of(cronValue, zone);
		}
		catch (IllegalArgumentException ex) {
			throw site.invalidAttribute("cron", annotation.cron(), cronValue,
					"is not a cron expression: " + ex.getMessage(),
					"Give 'cron' six fields, second minute hour day-of-month month day-of-week, such as "
							+ "'0 0 2 * * *' (02:00 every day), or a macro such as '@daily'.");
		}
	}

	private static List<LoopingMethod.Parameter> parameters(Site site, Method method) {
		List<LoopingMethod.Parameter> parameters = new ArrayList<>();
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			LoopingMethod.Parameter parameter = parameter(types[i]);
			if (parameter == null) {
				throw site.invalid("parameter " + i + " of type " + types[i].getName() + " is not supported: "
						+ "a @Looping method takes no parameters, an int or long (intervals passed since its last "
						+ "call) and/or the LoopingCall", "Remove the parameter " + i + " (" + types[i].getName()
								+ "); the method can read what it needs from its bean's fields.");
			}
			if (parameters.stream().anyMatch((previous) -> previous.isCount() == parameter.isCount())) {
				throw site.invalid("parameter " + i + " of type " + types[i].getName() + " repeats "
						+ (parameter.isCount() ? "the count" : "the LoopingCall") + ": each may appear once",
						"Remove the parameter " + i + ".");
			}
			parameters.add(parameter);
		}
		return List.copyOf(parameters);
	}

	private static LoopingMethod.@Nullable Parameter parameter(Class<?> type) {
		if (type == int.class) {
			return LoopingMethod.Parameter.INT_COUNT;
		}
		if (type == long.class) {
			return LoopingMethod.Parameter.LONG_COUNT;
		}
		return (type == LoopingCall.class) ? LoopingMethod.Parameter.LOOP : null;
	}

	private static Method invocable(Site site, Method method, Class<?> exposedType) {
		if (Modifier.isStatic(method.getModifiers())) {
			throw site.invalid("static methods are not supported: a schedule belongs to a bean instance "
					+ "(and is ended with it); make the method an instance method", "Remove 'static'.");
		}
		if (Modifier.isPrivate(method.getModifiers())) {
			throw site.invalid("private methods are not supported: proxies (and so @Transactional and other "
					+ "advice) cannot reach them; make the method package-private, protected or public",
					"Make the method package-private, protected or public.");
		}
		try {
			Method invocable = AopUtils.selectInvocableMethod(method, exposedType);
			ReflectionUtils.makeAccessible(invocable);
			return invocable;
		}
		catch (IllegalStateException ex) {
			throw site.invalid("it cannot be called through the bean's proxy: " + ex.getMessage(),
					"Declare the method on an interface that the proxy implements, or proxy the target class "
							+ "(proxyTargetClass = true).");
		}
	}

	private CallOptions options(Site site, String beanName, Method method, String nameAttribute,
			String executorAttribute) {
		CallOptions options = CallOptions.named(name(site, beanName, method, nameAttribute)).withSource(site.source());
		String executorName = resolve(site, "executor", executorAttribute);
		return executorName.isEmpty() ? options : options.withExecutor(executor(site, executorAttribute, executorName));
	}

	private String name(Site site, String beanName, Method method, String attribute) {
		String name = resolve(site, "name", attribute);
		if (name.isEmpty()) {
			return defaultName(beanName, method);
		}
		if (!URL_SAFE.matcher(name).matches()) {
			throw site.invalidAttribute("name", attribute, name,
					"is not URL-safe: use letters, digits, '.', '-', '_' and '~' (endpoints address calls by name)",
					"Rename it with letters, digits, '.', '-', '_' and '~' only, such as 'nightly-report'.");
		}
		return name;
	}

	private Executor executor(Site site, String attribute, String beanName) {
		if (!this.beanFactory.containsBean(beanName)) {
			throw site.invalidAttribute("executor", attribute, beanName, "names no bean",
					"Define an Executor bean named '" + beanName + "', or set 'executor' to the name of one.");
		}
		try {
			return this.beanFactory.getBean(beanName, Executor.class);
		}
		catch (BeanNotOfRequiredTypeException ex) {
			throw site.invalidAttribute("executor", attribute, beanName, "names a bean of type "
					+ ex.getActualType().getName() + ", which is not a java.util.concurrent.Executor",
					"Set 'executor' to the name of a java.util.concurrent.Executor bean.");
		}
	}

	private Duration duration(Site site, String name, String attribute) {
		return parse(site, name, attribute, resolve(site, name, attribute));
	}

	private static Duration parse(Site site, String name, String attribute, String value) {
		String action = "Give '" + name + "' a duration such as 3.5s, 500ms or PT1S (a ${placeholder} may supply it).";
		if (value.isEmpty()) {
			throw site.invalidAttribute(name, attribute, value, "is empty: give a duration such as 3.5s", action);
		}
		Duration duration;
		try {
			duration = AnnotationDurations.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw site.invalidAttribute(name, attribute, value,
					"is not a duration: use 3.5s, 500ms, ISO-8601 PT1S or plain milliseconds", action);
		}
		if (duration.isNegative()) {
			throw site.invalidAttribute(name, attribute, value, "must not be negative",
					"Give '" + name + "' a duration that is zero or more, such as 3.5s.");
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
			throw site.invalidAttribute(name, attribute, null, "cannot be resolved: " + ex.getMessage(),
					"Define the property it refers to, or give the placeholder a default: ${name:default}.");
		}
	}

	/**
	 * Description of a method for error messages: its declaring class, name and parameter types.
	 * @param method the method
	 * @return for example {@code com.example.Jobs.poll(int)}
	 */
	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getTypeName).collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * The method being read, for error messages.
	 */
	private record Site(String annotation, String beanName, Method method) {

		String source() {
			return this.beanName + "#" + this.method.getName();
		}

		InvalidAnnotatedMethodException invalid(String reason, String action) {
			return new InvalidAnnotatedMethodException(this.annotation, this.beanName, this.method.getName(),
					describe(this.method), null, null, null, reason, action);
		}

		/**
		 * A mistake in one attribute.
		 * @param name the attribute's name
		 * @param attribute its value as written
		 * @param resolved its value with placeholders resolved, or {@code null} if they could not be
		 * @param reason what is wrong with it
		 * @param action what to do
		 */
		InvalidAnnotatedMethodException invalidAttribute(String name, String attribute, @Nullable String resolved,
				String reason, String action) {
			String shown = (resolved != null && !attribute.trim().equals(resolved)) ? resolved : null;
			return new InvalidAnnotatedMethodException(this.annotation, this.beanName, this.method.getName(),
					describe(this.method), name, attribute, shown, reason, action);
		}

	}

}
