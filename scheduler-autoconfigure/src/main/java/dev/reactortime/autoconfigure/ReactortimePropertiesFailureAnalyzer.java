package dev.reactortime.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a {@code reactortime.*} property that {@link ReactortimeProperties} rejected as Spring Boot's "APPLICATION
 * FAILED TO START" box, with the property's value as it was typed and where it was set.
 *
 * <p>Boot's own {@code BindValidationFailureAnalyzer} shows the converted value ({@code PT-1S} for {@code -1s}) and,
 * for a property of a nested group such as {@code reactortime.shutdown.grace-period}, no origin. The validation
 * exception carries the properties as they were bound, raw value and origin included: this analyzer reads them, and
 * runs before Boot's (which still handles every other prefix). Registered in {@code META-INF/spring.factories}.
 */
class ReactortimePropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
		implements Ordered {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("reactortime");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		ValidationErrors errors = cause.getValidationErrors();
		if (!PREFIX.equals(errors.getName()) && !PREFIX.isAncestorOf(errors.getName())) {
			return null;
		}
		StringBuilder description = new StringBuilder(String.format("Invalid reactortime configuration:%n"));
		for (ObjectError error : errors.getAllErrors()) {
			if (error instanceof FieldError fieldError) {
				appendProperty(description, errors, fieldError);
			}
			description.append(String.format("%n    Reason: %s%n", error.getDefaultMessage()));
		}
		return new FailureAnalysis(description.toString(),
				"Change the value where the Origin line says it is set, or remove the property to use its default.",
				cause);
	}

	private static void appendProperty(StringBuilder description, ValidationErrors errors, FieldError error) {
		String name = errors.getName() + "." + error.getField();
		ConfigurationProperty property = find(errors, name);
		Object value = (property != null) ? property.getValue() : error.getRejectedValue();
		description.append(String.format("%n    Property: %s", name));
		description.append(String.format("%n    Value: \"%s\"", value));
		Origin origin = (property != null) ? property.getOrigin() : null;
		if (origin != null) {
			description.append(String.format("%n    Origin: %s", origin));
		}
	}

	private static @Nullable ConfigurationProperty find(ValidationErrors errors, String name) {
		if (!ConfigurationPropertyName.isValid(name)) {
			return null;
		}
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationProperty property : errors.getBoundProperties()) {
			if (property.getName().equals(propertyName)) {
				return property;
			}
		}
		return null;
	}

}
