package dev.reactortime.autoconfigure;

import dev.reactortime.Reactor;

/**
 * One validated {@code @CallLater} or {@code @Looping} method of a bean: everything needed to schedule it for an
 * instance, worked out once when the bean is post-processed, so that a mistake fails startup instead of a call.
 */
sealed interface AnnotatedMethod permits DelayedMethod, LoopingMethod {

	/**
	 * Name of the call or loop, unique in the application context.
	 * @return the name
	 */
	String name();

	/**
	 * Where it comes from.
	 * @return {@code beanName#methodName}
	 */
	String source();

	/**
	 * Schedules the method for one bean instance.
	 * @param reactor the reactor
	 * @param bean the bean instance (a proxy, if proxied)
	 * @return what to cancel when the instance is destroyed
	 */
	Schedule schedule(Reactor reactor, Object bean);

}
