package dev.reactortime.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reactortime.Reactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.StringValueResolver;

/**
 * Runs {@link CallLater @CallLater} and {@link Looping @Looping} bean methods on the application's {@link Reactor}:
 * what Spring's {@code ScheduledAnnotationBeanPostProcessor} is to {@code @Scheduled}.
 *
 * <p>Registered by {@link ReactortimeAutoConfiguration} as an infrastructure bean. For each bean it:
 * <ul>
 * <li>finds the annotations on the bean's target class, so beans behind a proxy are found, and remembers classes
 * without them so that later instances cost one set lookup;</li>
 * <li>validates every annotated method when the bean is initialized: durations (with {@code ${placeholders}}
 * resolved), signature, {@code executor} bean and name; a mistake fails startup with a message naming
 * {@code bean#method}, the attribute and the value. Names are unique in the context; static and private methods are
 * rejected;</li>
 * <li>schedules the methods once the context has been refreshed, so delays count from the moment the application
 * started, on the reactor's clock; instances created later (prototypes, lazy beans) are scheduled as they are
 * created, one schedule per instance;</li>
 * <li>calls the methods on the bean as the context exposes it (through
 * {@link org.springframework.aop.support.AopUtils#selectInvocableMethod}), so {@code @Transactional} and other advice
 * apply;</li>
 * <li>cancels the calls and stops the loops of an instance when it is destroyed, and of all instances when the
 * context closes. The reactor's own shutdown (with its cancel or drain mode) comes first, when the context stops its
 * lifecycle beans.</li>
 * </ul>
 * A prototype instance stays referenced by its schedule until it is destroyed
 * ({@code beanFactory.destroyBean(instance)}) or the context closes.
 */
public class ReactortimeAnnotationBeanPostProcessor implements DestructionAwareBeanPostProcessor,
		ApplicationListener<ApplicationContextEvent>, ApplicationContextAware, EmbeddedValueResolverAware, Ordered,
		DisposableBean {

	private static final Set<Class<? extends Annotation>> ANNOTATIONS = Set.of(CallLater.class, Looping.class);

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private final Object lock = new Object();

	/** Bean instances with annotated methods; identity, because beans may override {@code equals}. */
	private final Map<Object, Registration> registrations = new IdentityHashMap<>();

	/** Registrations waiting for the context to be refreshed, in creation order. */
	private final List<Registration> waiting = new ArrayList<>();

	/** Owner of each name in use, to reject duplicates. */
	private final Map<String, Owner> names = new HashMap<>();

	private @Nullable ApplicationContext applicationContext;

	private @Nullable StringValueResolver embeddedValueResolver;

	private @Nullable AnnotatedMethodFactory factory;

	private @Nullable Reactor reactor;

	private boolean started;

	private boolean closed;

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		// Called after setEmbeddedValueResolver (ApplicationContextAwareProcessor's order), so the resolver is set.
		this.applicationContext = applicationContext;
		this.factory = new AnnotatedMethodFactory(applicationContext, this.embeddedValueResolver);
	}

	@Override
	public void setEmbeddedValueResolver(StringValueResolver resolver) {
		this.embeddedValueResolver = resolver;
	}

	@Override
	public int getOrder() {
		// Last, so that the bean it sees is the proxy that auto-proxy creators have made.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		Map<Method, AnnotatedMethod> methods = findAnnotatedMethods(bean, beanName, targetClass);
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		register(bean, beanName, methods);
		return bean;
	}

	/**
	 * Whether a class declares (or inherits) a {@code @CallLater} or {@code @Looping} method.
	 * @param type the class
	 * @return {@code true} if it has at least one
	 */
	static boolean hasAnnotatedMethods(Class<?> type) {
		return AnnotationUtils.isCandidateClass(type, ANNOTATIONS) && !MethodIntrospector
			.selectMethods(type, (MethodIntrospector.MetadataLookup<Boolean>) (method) -> isAnnotated(method) ? true : null)
			.isEmpty();
	}

	private static boolean isAnnotated(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, CallLater.class)
				|| AnnotatedElementUtils.hasAnnotation(method, Looping.class);
	}

	private Map<Method, AnnotatedMethod> findAnnotatedMethods(Object bean, String beanName, Class<?> targetClass) {
		if (!AnnotationUtils.isCandidateClass(targetClass, ANNOTATIONS)) {
			return Map.of();
		}
		AnnotatedMethodFactory factory = this.factory;
		Assert.state(factory != null, "No ApplicationContext set");
		return MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<AnnotatedMethod>) (method) -> read(factory, bean, beanName, method));
	}

	private static @Nullable AnnotatedMethod read(AnnotatedMethodFactory factory, Object bean, String beanName,
			Method method) {
		CallLater callLater = AnnotatedElementUtils.findMergedAnnotation(method, CallLater.class);
		Looping looping = AnnotatedElementUtils.findMergedAnnotation(method, Looping.class);
		if (callLater == null && looping == null) {
			return null;
		}
		return factory.create(beanName, bean.getClass(), method, callLater, looping);
	}

	private void register(Object bean, String beanName, Map<Method, AnnotatedMethod> methods) {
		synchronized (this.lock) {
			methods.forEach((declared, method) -> claimName(beanName, declared, method));
			Registration registration = new Registration(bean, List.copyOf(methods.values()));
			this.registrations.put(bean, registration);
			if (this.closed) {
				return;
			}
			if (this.started) {
				registration.schedule(reactor());
			}
			else {
				this.waiting.add(registration);
			}
		}
	}

	private void claimName(String beanName, Method declared, AnnotatedMethod method) {
		Owner owner = new Owner(method.source(), declared);
		Owner previous = this.names.putIfAbsent(method.name(), owner);
		// Instances of one prototype share their names: the same method of the same bean is not a duplicate.
		if (previous != null && !previous.equals(owner)) {
			throw new InvalidAnnotatedMethodException((method instanceof LoopingMethod) ? "@Looping" : "@CallLater",
					beanName, declared.getName(), AnnotatedMethodFactory.describe(declared), null, null, null,
					"name '" + method.name() + "' is already used by '" + previous.source()
							+ "'; names must be unique (set the 'name' attribute of one of them)",
					"Set the 'name' attribute of one of them to a name of its own.");
		}
	}

	@Override
	public void onApplicationEvent(ApplicationContextEvent event) {
		// Events of child contexts reach this listener too; only this context's own lifecycle counts.
		if (event.getApplicationContext() != this.applicationContext) {
			return;
		}
		if (event instanceof ContextRefreshedEvent) {
			start();
		}
		else if (event instanceof ContextClosedEvent) {
			synchronized (this.lock) {
				this.closed = true;
				this.waiting.clear();
			}
		}
	}

	private void start() {
		synchronized (this.lock) {
			if (this.started || this.closed) {
				return;
			}
			this.started = true;
			for (Registration registration : this.waiting) {
				registration.schedule(reactor());
			}
			this.waiting.clear();
		}
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		synchronized (this.lock) {
			return this.registrations.containsKey(bean);
		}
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		Registration registration;
		synchronized (this.lock) {
			registration = this.registrations.remove(bean);
			this.waiting.remove(registration);
		}
		if (registration != null) {
			registration.cancel();
		}
	}

	@Override
	public void destroy() {
		List<Registration> remaining;
		synchronized (this.lock) {
			this.closed = true;
			remaining = new ArrayList<>(this.registrations.values());
			this.registrations.clear();
			this.waiting.clear();
			this.names.clear();
		}
		remaining.forEach(Registration::cancel);
		if (this.factory != null) {
			this.factory.close();
		}
	}

	private Reactor reactor() {
		// Looked up at first use, not injected: a post-processor's dependencies would be created too early to be
		// post-processed themselves, and a context without annotated beans should not need a (unique) Reactor.
		Reactor reactor = this.reactor;
		if (reactor == null) {
			Assert.state(this.applicationContext != null, "No ApplicationContext set");
			reactor = this.applicationContext.getBean(Reactor.class);
			this.reactor = reactor;
		}
		return reactor;
	}

	/**
	 * The method that took a name first.
	 */
	private record Owner(String source, Method method) {

	}

	/**
	 * The annotated methods of one bean instance and, once scheduled, their schedules.
	 */
	private static final class Registration {

		private final Object bean;

		private final List<AnnotatedMethod> methods;

		private final List<Schedule> schedules = new ArrayList<>();

		Registration(Object bean, List<AnnotatedMethod> methods) {
			this.bean = bean;
			this.methods = methods;
		}

		void schedule(Reactor reactor) {
			for (AnnotatedMethod method : this.methods) {
				this.schedules.add(method.schedule(reactor, this.bean));
			}
		}

		void cancel() {
			this.schedules.forEach(Schedule::cancel);
		}

	}

}
