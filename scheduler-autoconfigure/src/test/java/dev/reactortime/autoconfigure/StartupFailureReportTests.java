package dev.reactortime.autoconfigure;

import dev.reactortime.annotation.Looping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when reactortime stops an application from starting: Spring Boot's "APPLICATION FAILED TO START"
 * report with the method or property, the value as written, where it is and what to do, and no stack trace. Each test
 * runs a real {@code SpringApplication} and reads its console.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	private static final String NL = System.lineSeparator();

	@Test
	void aZeroLoopingIntervalIsReportedWithTheMethodTheAttributeAndTheValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ZeroIntervalApplication.class));
		assertThat(output).contains(String.join(NL, "APPLICATION FAILED TO START", "***************************", "",
				"Description:", "",
				"Invalid @Looping method 'jobs#poll' (" + Jobs.class.getName() + ".poll(int)):", "",
				"    Attribute: interval", "    Value: \"0\"",
				"    Reason: must not be zero: the method would run on every turn of the reactor and keep a core busy",
				"", "", "Action:", "",
				"Give 'interval' a positive duration, such as 1s or 500ms. A loop that should run on every turn of "
						+ "the reactor can be started in code: reactor.loopingCall(task).start(Duration.ZERO)."));
		// Without the analyzer, Spring Boot logs "Application run failed" with the whole BeanCreationException trace.
		assertThat(output).doesNotContain("Application run failed");
	}

	@Test
	void aPlaceholderIsReportedWithTheValueItResolvedTo(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(PlaceholderApplication.class, "--jobs.poll=-5s"));
		assertThat(output).contains(String.join(NL, "    Attribute: interval",
				"    Value: \"${jobs.poll}\" (resolved to \"-5s\")", "    Reason: must not be negative"));
	}

	@Test
	void aRejectedPropertyIsReportedAsTypedWithItsFileAndLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(PlainApplication.class,
				"--spring.config.location=classpath:failure-analysis/negative-grace-period.properties"));
		assertThat(output).contains(String.join(NL, "APPLICATION FAILED TO START", "***************************", "",
				"Description:", "", "Invalid reactortime configuration:", "",
				"    Property: reactortime.shutdown.grace-period", "    Value: \"-1s\"",
				"    Origin: class path resource [failure-analysis/negative-grace-period.properties] - 3:35",
				"    Reason: must not be negative", "", "", "Action:", "",
				"Change the value where the Origin line says it is set, or remove the property to use its default."));
		assertThat(output).doesNotContain("PT-1S").doesNotContain("Application run failed");
	}

	@Test
	void everyRejectedPropertyIsReportedWithItsOwnOrigin(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(PlainApplication.class, "--reactortime.spin=2s",
				"--reactortime.thread.name= "));
		assertThat(output).contains(String.join(NL, "    Property: reactortime.thread.name", "    Value: \" \"",
				"    Origin: \"reactortime.thread.name\" from property source \"commandLineArgs\"",
				"    Reason: must not be blank"));
		assertThat(output).contains(String.join(NL, "    Property: reactortime.spin", "    Value: \"2s\"",
				"    Origin: \"reactortime.spin\" from property source \"commandLineArgs\"",
				"    Reason: must be at most 1s"));
	}

	@Test
	void anUnparseablePropertyIsLeftToSpringBootsOwnReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(PlainApplication.class, "--reactortime.watchdog.threshold=soon"));
		assertThat(output).contains("Failed to bind properties under 'reactortime.watchdog.threshold'")
			.contains("Value: \"soon\"")
			.contains("Origin: \"reactortime.watchdog.threshold\" from property source \"commandLineArgs\"");
	}

	private static void run(Class<?> application, String... args) {
		new SpringApplicationBuilder(application).web(WebApplicationType.NONE).logStartupInfo(false).run(args).close();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ReactortimeAutoConfiguration.class })
	static class PlainApplication {

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ReactortimeAutoConfiguration.class })
	static class ZeroIntervalApplication {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ReactortimeAutoConfiguration.class })
	static class PlaceholderApplication {

		@Bean
		Object jobs() {
			return new Object() {

				@Looping(interval = "${jobs.poll}")
				void poll() {
				}

			};
		}

	}

	static class Jobs {

		@Looping(interval = "0")
		void poll(int missed) {
		}

	}

}
