package dev.reactortime.autoconfigure;

import java.time.Duration;

import dev.reactortime.ShutdownMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of reactortime, under {@code reactortime.*}.
 *
 * <p>The class validates itself (Spring Boot applies a {@link Validator} implemented by a properties class), so a
 * bad value such as {@code reactortime.shutdown.grace-period=-1s} fails startup with a message that names the
 * property, without a Bean Validation provider on the classpath.
 */
@ConfigurationProperties("reactortime")
public class ReactortimeProperties implements Validator {

	/**
	 * Whether to auto-configure the reactor and run @CallLater and @Looping methods.
	 */
	private boolean enabled = true;

	/**
	 * Whether to use a VirtualTimeReactor, whose clock moves only when a test advances it, instead of real time.
	 */
	private boolean virtualTime;

	/**
	 * How long before a call is due the reactor thread stops parking and spins, for microsecond precision at the
	 * cost of CPU; 0 turns spinning off.
	 */
	private Duration spin = Duration.ZERO;

	private final ReactorThread thread = new ReactorThread();

	private final Watchdog watchdog = new Watchdog();

	private final Shutdown shutdown = new Shutdown();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isVirtualTime() {
		return this.virtualTime;
	}

	public void setVirtualTime(boolean virtualTime) {
		this.virtualTime = virtualTime;
	}

	public Duration getSpin() {
		return this.spin;
	}

	public void setSpin(Duration spin) {
		this.spin = spin;
	}

	public ReactorThread getThread() {
		return this.thread;
	}

	public Watchdog getWatchdog() {
		return this.watchdog;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ReactortimeProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ReactortimeProperties properties = (ReactortimeProperties) target;
		if (properties.getThread().getName().isBlank()) {
			errors.rejectValue("thread.name", "blank", "must not be blank");
		}
		rejectIfNegative(errors, "spin", properties.getSpin());
		if (properties.getSpin().compareTo(Duration.ofSeconds(1)) > 0) {
			errors.rejectValue("spin", "tooLong", "must be at most 1s");
		}
		rejectIfNegative(errors, "watchdog.threshold", properties.getWatchdog().getThreshold());
		rejectIfNegative(errors, "shutdown.grace-period", properties.getShutdown().getGracePeriod());
	}

	private static void rejectIfNegative(Errors errors, String property, Duration value) {
		if (value.isNegative()) {
			errors.rejectValue(property, "negative", "must not be negative");
		}
	}

	/**
	 * Settings of the reactor thread.
	 */
	public static class ReactorThread {

		/**
		 * Name of the reactor thread.
		 */
		private String name = "reactortime";

		/**
		 * Whether the reactor thread is a daemon thread, which does not keep the JVM alive.
		 */
		private boolean daemon;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public boolean isDaemon() {
			return this.daemon;
		}

		public void setDaemon(boolean daemon) {
			this.daemon = daemon;
		}

	}

	/**
	 * Settings of the watchdog that reports calls holding the reactor thread too long.
	 */
	public static class Watchdog {

		/**
		 * How long a call may hold the reactor thread before it is reported with its stack; 0 turns the watchdog
		 * off.
		 */
		private Duration threshold = Duration.ofMillis(500);

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * Settings of the reactor's shutdown when the application context closes.
	 */
	public static class Shutdown {

		/**
		 * What happens to pending calls at shutdown: cancel them, or drain those due within the grace period first.
		 */
		private ShutdownMode mode = ShutdownMode.CANCEL;

		/**
		 * How far ahead of shutdown calls still run in drain mode.
		 */
		private Duration gracePeriod = Duration.ofSeconds(5);

		public ShutdownMode getMode() {
			return this.mode;
		}

		public void setMode(ShutdownMode mode) {
			this.mode = mode;
		}

		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

	}

}
