package dev.reactortime.autoconfigure.durable;

/**
 * Thrown at startup when a {@code @DurableTask} method cannot be a handler: a wrong signature, a blank or duplicate
 * task name. The message names the task, the bean and the method; {@link InvalidDurableTaskFailureAnalyzer} turns it
 * into Spring Boot's "APPLICATION FAILED TO START" report.
 */
public class InvalidDurableTaskException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String source;

	private final String reason;

	private final String action;

	InvalidDurableTaskException(String task, String source, String reason, String action) {
		super("Invalid @DurableTask(\"" + task + "\") method '" + source + "': " + reason);
		this.source = source;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * The method at fault.
	 * @return {@code beanName#methodName}
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * What is wrong.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What to change.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
