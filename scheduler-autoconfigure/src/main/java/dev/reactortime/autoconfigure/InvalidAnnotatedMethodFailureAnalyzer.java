package dev.reactortime.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidAnnotatedMethodException} as Spring Boot's "APPLICATION FAILED TO START" box: the method,
 * the attribute and value at fault, what is wrong and what to do, instead of the {@code BeanCreationException} trace
 * that hides them. Registered in {@code META-INF/spring.factories}.
 */
class InvalidAnnotatedMethodFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAnnotatedMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAnnotatedMethodException cause) {
		StringBuilder description = new StringBuilder();
		description.append(String.format("Invalid %s method '%s' (%s):%n", cause.getAnnotation(), cause.getSource(),
				cause.getMethod()));
		if (cause.getAttribute() != null) {
			description.append(String.format("%n    Attribute: %s", cause.getAttribute()));
			description.append(String.format("%n    Value: \"%s\"", cause.getValue()));
			if (cause.getResolvedValue() != null) {
				description.append(String.format(" (resolved to \"%s\")", cause.getResolvedValue()));
			}
		}
		description.append(String.format("%n    Reason: %s%n", cause.getReason()));
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
