package dev.reactortime.autoconfigure.lock;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import dev.reactortime.annotation.Looping;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * One instance of an application with a locked loop, in a JVM of its own, for the failover test to kill:
 * {@code java -cp <test classpath> dev.reactortime.autoconfigure.lock.LockedInstance <jdbcUrl> <name>}.
 */
public final class LockedInstance {

	private LockedInstance() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "instance.url=" + args[0],
					"instance.name=" + args[1], "reactortime.lock.jdbc.initialize-schema=always")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReactortimeAutoConfiguration.class, ReactortimeLockAutoConfiguration.class })
	@Import(Beans.class)
	static class Application {

		// A connection per statement, no pool (Boot's DataSource auto-configuration moved between Boot 3.5 and 4, and
		// this process must start on both).
		@Bean
		DataSource dataSource(@Value("${instance.url}") String url) {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), url);
		}

	}

	/**
	 * The job and its executor: what the failover test's surviving instance runs too.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService jobExecutor() {
			return Executors.newSingleThreadExecutor();
		}

		@Bean
		Job job(DataSource dataSource, @Value("${instance.name}") String name) {
			return new Job(dataSource, name);
		}

	}

	/**
	 * A 1 s loop whose runs take 2 s, on an executor (blocking work never holds the reactor thread), each run written
	 * to {@code failover_runs} with the database's time.
	 */
	static class Job {

		private final JdbcTemplate jdbc;

		private final String name;

		Job(DataSource dataSource, String name) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.name = name;
		}

		@Looping(interval = "1s", executor = "jobExecutor", name = "failover")
		@SchedulerLock(name = "failover", lockAtMostFor = "3s")
		void run() {
			Integer id = this.jdbc.queryForObject(
					"INSERT INTO failover_runs (instance, started_at) VALUES (?, timezone('utc', clock_timestamp())) RETURNING id",
					Integer.class, this.name);
			try {
				Thread.sleep(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt(); // the application is closing
				return;
			}
			this.jdbc.update("UPDATE failover_runs SET ended_at = timezone('utc', clock_timestamp()) WHERE id = ?", id);
		}

	}

}
