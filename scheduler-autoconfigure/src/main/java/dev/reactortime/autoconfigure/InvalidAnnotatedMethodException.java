package dev.reactortime.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code @CallLater} or {@code @Looping} method cannot be scheduled as written. It names the
 * bean and the method, the attribute and its value when one of them is at fault, what is wrong, and what to do about
 * it; {@link InvalidAnnotatedMethodFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO START" report
 * instead of a long {@code BeanCreationException} trace.
 *
 * <p>Its message is one line in the style of Spring's "Encountered invalid @Scheduled method", for example
 * {@code Invalid @Looping method 'jobs#poll': attribute 'interval' value '0' must not be zero: ...}. It is an
 * {@link IllegalStateException}, as that one is.
 */
public class InvalidAnnotatedMethodException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String annotation;

	private final String beanName;

	private final String methodName;

	private final String method;

	private final @Nullable String attribute;

	private final @Nullable String value;

	private final @Nullable String resolvedValue;

	private final String reason;

	private final String action;

	InvalidAnnotatedMethodException(String annotation, String beanName, String methodName, String method,
			@Nullable String attribute, @Nullable String value, @Nullable String resolvedValue, String reason,
			String action) {
		super(message(annotation, beanName + "#" + methodName, attribute, value, resolvedValue, reason));
		this.annotation = annotation;
		this.beanName = beanName;
		this.methodName = methodName;
		this.method = method;
		this.attribute = attribute;
		this.value = value;
		this.resolvedValue = resolvedValue;
		this.reason = reason;
		this.action = action;
	}

	private static String message(String annotation, String source, @Nullable String attribute,
			@Nullable String value, @Nullable String resolvedValue, String reason) {
		StringBuilder message = new StringBuilder("Invalid ").append(annotation)
			.append(" method '")
			.append(source)
			.append("': ");
		if (attribute != null) {
			message.append("attribute '").append(attribute).append("' value '").append(value).append("' ");
			if (resolvedValue != null) {
				message.append("(resolved to '").append(resolvedValue).append("') ");
			}
		}
		return message.append(reason).toString();
	}

	/**
	 * The annotation at fault.
	 * @return {@code @CallLater} or {@code @Looping}
	 */
	public String getAnnotation() {
		return this.annotation;
	}

	/**
	 * Name of the bean whose method is annotated.
	 * @return the bean name
	 */
	public String getBeanName() {
		return this.beanName;
	}

	/**
	 * Name of the annotated method.
	 * @return the method name
	 */
	public String getMethodName() {
		return this.methodName;
	}

	/**
	 * Where to find the method in the code.
	 * @return the declaring class, the method name and its parameter types, such as
	 * {@code com.example.Jobs.poll(int)}
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * Where the mistake is, as the endpoints and error messages name it.
	 * @return {@code beanName#methodName}
	 */
	public String getSource() {
		return this.beanName + "#" + this.methodName;
	}

	/**
	 * The attribute at fault, or {@code null} when the method itself is (its parameters, return type or modifiers).
	 * @return the attribute name, such as {@code interval}
	 */
	public @Nullable String getAttribute() {
		return this.attribute;
	}

	/**
	 * The attribute's value as written in the annotation, placeholders included.
	 * @return the value, or {@code null} when no attribute is at fault
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * The attribute's value once its placeholders were resolved, when that differs from {@link #getValue()}.
	 * @return the resolved value, or {@code null}
	 */
	public @Nullable String getResolvedValue() {
		return this.resolvedValue;
	}

	/**
	 * What is wrong, without the method and attribute that {@link #getMessage()} puts in front of it.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What to change to fix it.
	 * @return the action, one or two sentences
	 */
	public String getAction() {
		return this.action;
	}

}
