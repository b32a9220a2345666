package dev.reactortime.autoconfigure;

import org.springframework.util.ClassUtils;

/**
 * Spring Boot classes that the tests name and that moved between Boot 3.5 and Boot 4.0, looked up by name so that the
 * same tests compile and run on both (the {@code boot35} build runs them on Boot 3.5).
 */
public final class BootClasses {

	/** Micrometer metrics: Boot 4's spring-boot-micrometer-metrics, Boot 3.5's spring-boot-actuator-autoconfigure. */
	public static final Class<?> METRICS_AUTO_CONFIGURATION = either(
			"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration");

	public static final Class<?> COMPOSITE_METER_REGISTRY_AUTO_CONFIGURATION = either(
			"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration");

	public static final Class<?> SIMPLE_METRICS_EXPORT_AUTO_CONFIGURATION = either(
			"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration");

	public static final Class<?> PROMETHEUS_METRICS_EXPORT_AUTO_CONFIGURATION = either(
			"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration");

	/** Micrometer observations: Boot 4's spring-boot-micrometer-observation, Boot 3.5's actuator. */
	public static final Class<?> OBSERVATION_AUTO_CONFIGURATION = either(
			"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration");

	/** Boot's DataSource auto-configuration: Boot 4's spring-boot-jdbc, Boot 3.5's spring-boot-autoconfigure. */
	public static final Class<?> DATA_SOURCE_AUTO_CONFIGURATION = either(
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration");

	/** Spring Security's matcher of Actuator endpoints (servlet): Boot 4's spring-boot-security, Boot 3.5's actuator. */
	public static final Class<?> ENDPOINT_REQUEST = either(
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest",
			"org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest");

	private BootClasses() {
	}

	/**
	 * The class of Boot 4's name, or else of Boot 3.5's.
	 * @param boot4 the name in Boot 4.0
	 * @param boot35 the name in Boot 3.5
	 * @return the class on the classpath
	 */
	public static Class<?> either(String boot4, String boot35) {
		ClassLoader loader = BootClasses.class.getClassLoader();
		for (String name : new String[] { boot4, boot35 }) {
			if (ClassUtils.isPresent(name, loader)) {
				return ClassUtils.resolveClassName(name, loader);
			}
		}
		throw new IllegalStateException("Neither " + boot4 + " nor " + boot35 + " is on the classpath");
	}

}
