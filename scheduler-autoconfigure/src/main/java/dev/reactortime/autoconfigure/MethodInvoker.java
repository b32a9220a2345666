package dev.reactortime.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * Calls one annotated method on one bean instance, rethrowing what the method throws as it was thrown (a checked
 * exception arrives wrapped in {@code UndeclaredThrowableException}), so the reactor logs and counts the real
 * exception rather than a reflection wrapper.
 */
final class MethodInvoker {

	private final Object bean;

	private final Method method;

	/**
	 * Creates an invoker.
	 * @param bean the bean as the context exposes it, a proxy if it is proxied, so advice applies
	 * @param method the method to call, invocable on {@code bean} and accessible
	 */
	MethodInvoker(Object bean, Method method) {
		this.bean = bean;
		this.method = method;
	}

	@Nullable Object invoke(@Nullable Object... arguments) {
		try {
			return this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			ReflectionUtils.rethrowRuntimeException(ex.getTargetException());
			throw new IllegalStateException("unreachable", ex);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + this.method, ex);
		}
	}

}
