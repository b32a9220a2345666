package dev.reactortime.autoconfigure.durable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import dev.reactortime.durable.DurableCalls;
import dev.reactortime.durable.DurableTask;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@code @DurableTask} methods of the context's singleton beans by their types, without creating the beans
 * (a handler bean may itself inject {@code DurableCalls}), checks them, and declares each as a task whose handler
 * looks its bean up when a call runs. Calls go through {@link AopUtils#selectInvocableMethod} so proxies and advice
 * (such as {@code @Transactional}) apply.
 */
final class DurableTaskMethods {

	private final ConfigurableListableBeanFactory beanFactory;

	private final Map<String, Handler> handlers = new LinkedHashMap<>();

	DurableTaskMethods(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
			if (definition.isAbstract() || !definition.isSingleton()) {
				continue;
			}
			Class<?> type = beanFactory.getType(beanName, false);
			if (type == null || !AnnotationUtils.isCandidateClass(type, DurableTask.class)) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(type);
			Map<Method, DurableTask> methods = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<DurableTask>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, DurableTask.class));
			methods.forEach((method, annotation) -> add(beanName, method, annotation));
		}
	}

	private void add(String beanName, Method method, DurableTask annotation) {
		String task = annotation.value();
		String source = beanName + "#" + method.getName();
		if (task.isBlank()) {
			throw new InvalidDurableTaskException(task, source, "the task name must not be blank",
					"Name the task: @DurableTask(\"send-reminder\").");
		}
		if (Modifier.isStatic(method.getModifiers())) {
			throw new InvalidDurableTaskException(task, source, "the method must not be static",
					"Make the method an instance method of the bean.");
		}
		if (method.getParameterCount() != 1) {
			throw new InvalidDurableTaskException(task, source,
					"the method must take exactly one parameter, the payload, but takes " + method.getParameterCount(),
					"Give the method one parameter of the payload type (a record or any type Jackson can read).");
		}
		Class<?> payloadType = method.getParameterTypes()[0];
		if (payloadType.isPrimitive()) {
			throw new InvalidDurableTaskException(task, source,
					"the payload parameter must not be primitive (" + payloadType + ")",
					"Use the wrapper type, such as Integer, or a record.");
		}
		Handler existing = this.handlers.get(task);
		if (existing != null) {
			throw new InvalidDurableTaskException(task, source,
					"the task name is taken by '" + existing.source + "'",
					"Give each @DurableTask method its own task name.");
		}
		this.handlers.put(task, new Handler(beanName, source, method, payloadType));
	}

	void declare(DurableCalls.Builder builder) {
		this.handlers.forEach((task, handler) -> declare(builder, task, handler));
	}

	private <T> void declare(DurableCalls.Builder builder, String task, Handler handler) {
		@SuppressWarnings("unchecked")
		Class<T> type = (Class<T>) handler.payloadType;
		Consumer<T> consumer = (payload) -> handler.invoke(this.beanFactory, payload);
		builder.task(task, type, consumer);
	}

	List<String> sources() {
		return new ArrayList<>(this.handlers.values().stream().map((handler) -> handler.source).toList());
	}

	private static final class Handler {

		final String beanName;

		final String source;

		final Method method;

		final Class<?> payloadType;

		Handler(String beanName, String source, Method method, Class<?> payloadType) {
			this.beanName = beanName;
			this.source = source;
			this.method = method;
			this.payloadType = payloadType;
		}

		void invoke(ConfigurableListableBeanFactory beanFactory, Object payload) {
			Object bean = beanFactory.getBean(this.beanName);
			Method invocable = AopUtils.selectInvocableMethod(this.method, bean.getClass());
			ReflectionUtils.makeAccessible(invocable);
			Object result;
			try {
				result = invocable.invoke(bean, payload);
			}
			catch (InvocationTargetException ex) {
				throw rethrow(ex.getTargetException());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot call @DurableTask method '" + this.source + "'", ex);
			}
			if (result instanceof CompletionStage<?> stage) {
				// Handlers run on db-scheduler's threads: waiting here keeps the row picked until the work is done.
				try {
					stage.toCompletableFuture().join();
				}
				catch (CompletionException ex) {
					throw rethrow((ex.getCause() != null) ? ex.getCause() : ex);
				}
			}
		}

		private static RuntimeException rethrow(Throwable error) {
			if (error instanceof RuntimeException runtime) {
				return runtime;
			}
			if (error instanceof Error fatal) {
				throw fatal;
			}
			return new UndeclaredThrowableException(error, error.toString());
		}

	}

}
