package dev.reactortime.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

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
 * {@link AnnotatedMethod}. Every mistake is an {@link IllegalStateException} whose message names
 * {@code bean#method}, the attribute or parameter, and the bad value, in the style of Spring's "Encountered invalid
 * @Scheduled method".
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
		Site site = new Site((looping != null) ? "@Looping" : "@CallLater", beanName + "#" + method.getName());
		if (callLater != null && looping != null) {
			throw site.invalid("a method may carry @CallLater or @Looping, not both");
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
					+ Arrays.stream(method.getParameterTypes()).map(Class::getName).toList());
		}
		Duration delay = duration(site, "delay", annotation.delay());
		boolean async = CompletionStage.class.isAssignableFrom(method.getReturnType());
		Duration timeout = null;
		if (!annotation.timeout().isEmpty()) {
			timeout = duration(site, "timeout", annotation.timeout());
			if (!async) {
				throw site.invalid("attribute 'timeout' value '" + annotation.timeout()
						+ "' needs a method that returns a CompletionStage, but it returns "
						+ method.getReturnType().getSimpleName());
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
					+ "asynchronous loops are not withCount loops; drop the int/long parameter");
		}
		Duration interval = duration(site, "interval", annotation.interval());
		CallOptions options = withLock(site, method,
				options(site, beanName, method, annotation.name(), annotation.executor()), interval)
			.withContinueOnError(annotation.onError() == Looping.OnError.CONTINUE);
		return new LoopingMethod(options.name(), site.source(), method, parameters, interval, annotation.now(), options,
				async);
	}

	private static List<LoopingMethod.Parameter> parameters(Site site, Method method) {
		List<LoopingMethod.Parameter> parameters = new ArrayList<>();
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			LoopingMethod.Parameter parameter = parameter(types[i]);
			if (parameter == null) {
				throw site.invalid("parameter " + i + " of type " + types[i].getName() + " is not supported: "
						+ "a @Looping method takes no parameters, an int or long (intervals passed since its last "
						+ "call) and/or the LoopingCall");
			}
			if (parameters.stream().anyMatch((previous) -> previous.isCount() == parameter.isCount())) {
				throw site.invalid("parameter " + i + " of type " + types[i].getName() + " repeats "
						+ (parameter.isCount() ? "the count" : "the LoopingCall") + ": each may appear once");
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
					+ "(and is ended with it); make the method an instance method");
		}
		if (Modifier.isPrivate(method.getModifiers())) {
			throw site.invalid("private methods are not supported: proxies (and so @Transactional and other "
					+ "advice) cannot reach them; make the method package-private, protected or public");
		}
		try {
			Method invocable = AopUtils.selectInvocableMethod(method, exposedType);
			ReflectionUtils.makeAccessible(invocable);
			return invocable;
		}
		catch (IllegalStateException ex) {
			throw site.invalid("it cannot be called through the bean's proxy: " + ex.getMessage());
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
			throw site.invalid(site.attribute("name", attribute, name)
					+ " is not URL-safe: use letters, digits, '.', '-', '_' and '~' (endpoints address calls by name)");
		}
		return name;
	}

	private Executor executor(Site site, String attribute, String beanName) {
		if (!this.beanFactory.containsBean(beanName)) {
			throw site.invalid(site.attribute("executor", attribute, beanName) + " names no bean");
		}
		try {
			return this.beanFactory.getBean(beanName, Executor.class);
		}
		catch (BeanNotOfRequiredTypeException ex) {
			throw site.invalid(site.attribute("executor", attribute, beanName) + " names a bean of type "
					+ ex.getActualType().getName() + ", which is not a java.util.concurrent.Executor");
		}
	}

	private Duration duration(Site site, String name, String attribute) {
		String value = resolve(site, name, attribute);
		if (value.isEmpty()) {
			throw site.invalid(site.attribute(name, attribute, value) + " is empty: give a duration such as 3.5s");
		}
		Duration duration;
		try {
			duration = AnnotationDurations.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw site.invalid(site.attribute(name, attribute, value)
					+ " is not a duration: use 3.5s, 500ms, ISO-8601 PT1S or plain milliseconds");
		}
		if (duration.isNegative()) {
			throw site.invalid(site.attribute(name, attribute, value) + " must not be negative");
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
			throw site.invalid("attribute '" + name + "' value '" + attribute + "' cannot be resolved: "
					+ ex.getMessage());
		}
	}

	/**
	 * The method being read, for error messages.
	 */
	private record Site(String annotation, String source) {

		IllegalStateException invalid(String reason) {
			return new IllegalStateException("Invalid " + this.annotation + " method '" + this.source + "': " + reason);
		}

		String attribute(String name, String attribute, String resolved) {
			String value = "attribute '" + name + "' value '" + attribute + "'";
			return attribute.trim().equals(resolved) ? value : value + " (resolved to '" + resolved + "')";
		}

	}

}
