package dev.reactortime.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The examples of Twisted's "Scheduling tasks for the future" as a Spring Boot application.
 *
 * <p>Within a few seconds of startup the console shows the lines the seed's Python programs print: a
 * {@code callLater} at 3.5 s, a {@code deferLater} at 3.5 s, a {@code LoopingCall} that ticks three times and then
 * stops, a call cancelled before it runs, and a lookup that times out. The application then stays up with a few
 * long-running loops and far-off calls, so that Actuator's {@code delayedcalls}, {@code loopingcalls},
 * {@code metrics} and {@code prometheus} endpoints have something to show.
 *
 * <p>{@code demo.style} chooses how the examples that have an annotation form are written (see
 * {@link DemoProperties}); the output is the same either way.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class DemoApplication {

	/**
	 * Starts the demo.
	 * @param args command-line arguments, for example {@code --demo.fail-in-the-end=true}
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
