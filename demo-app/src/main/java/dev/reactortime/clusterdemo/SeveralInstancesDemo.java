package dev.reactortime.clusterdemo;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import dev.reactortime.annotation.Looping;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * One instance of an application that runs on several: a 2 s loop under ShedLock's {@code @SchedulerLock}, so that
 * of all instances sharing the database one runs each tick, and every instance prints whether it ran it.
 * {@code demo-app/several-instances.sh} starts a throw-away PostgreSQL and three of these.
 *
 * <p>No component scan: this class sits outside the main demo's package, and the main demo never sees it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SeveralInstancesDemo {

	/**
	 * Starts one instance.
	 * @param args {@code --demo.instance=NAME --server.port=PORT --spring.datasource.url=URL}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SeveralInstancesDemo.class);
		application.setDefaultProperties(java.util.Map.of("spring.main.banner-mode", "off", "logging.level.root", "warn",
				"spring.datasource.type", "org.springframework.jdbc.datasource.SimpleDriverDataSource",
				"reactortime.lock.jdbc.initialize-schema", "always", "management.endpoints.web.exposure.include",
				"loopingcalls,delayedcalls,prometheus"));
		application.run(args);
	}

	@Bean
	Turns turns(@Value("${demo.instance}") String instance) {
		return new Turns(instance);
	}

	/**
	 * The locked loop.
	 */
	static class Turns {

		private final String instance;

		Turns(String instance) {
			this.instance = instance;
		}

		@Looping(interval = "2s", name = "turns")
		@SchedulerLock(name = "turns", lockAtMostFor = "30s")
		void tick() {
			System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "  " + this.instance
					+ " ran the tick");
		}

	}

}
