package dev.reactortime.autoconfigure.lock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.autoconfigure.lock.VirtualTimeLocksTests.InMemoryProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code @SchedulerLock} example (ReadmeTests in demo-app compares them), on two instances sharing one
 * lock provider on virtual time: each minute's report runs once between them, the warm-up once, under the locks and
 * names the README's comments promise.
 */
class ReadmeLockedJobsTests {

	private final ApplicationContextRunner instance = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
				ReactortimeLockAutoConfiguration.class))
		.withPropertyValues("reactortime.virtual-time=true");

	@Test
	void eachRunOfTheReadmesJobsHappensOnOneInstance() {
		InMemoryProvider provider = new InMemoryProvider();
		List<String> runs = new CopyOnWriteArrayList<>();
		ApplicationContextRunner shared = this.instance.withBean(LockProvider.class, () -> provider);
		shared.withBean("jobs", Jobs.class, () -> new Jobs("a", runs)).run((a) -> {
			shared.withBean("jobs", Jobs.class, () -> new Jobs("b", runs)).run((b) -> {
				VirtualTimeReactor first = a.getBean(VirtualTimeReactor.class);
				VirtualTimeReactor second = b.getBean(VirtualTimeReactor.class);
				for (int second10 = 0; second10 < 6 * 5; second10++) { // five minutes in ten-second steps
					first.advance(Duration.ofSeconds(10));
					second.advance(Duration.ofSeconds(10));
				}
			});
		});
		// The loops tick at whole minutes (a locked grid is anchored to the wall clock): 0, 1, 2, 3, 4 and 5 minutes.
		assertThat(runs.stream().filter((run) -> run.startsWith("report"))).as("one report a minute").hasSize(6);
		assertThat(runs.stream().filter((run) -> run.startsWith("warm-up"))).as("one warm-up").hasSize(1);
		assertThat(provider.configurations).extracting(LockConfiguration::getName)
			.containsOnly("nightly-report", "jobs.warmUp");
		assertThat(provider.configurations).filteredOn((configuration) -> configuration.getName().equals("jobs.warmUp"))
			.allSatisfy((configuration) -> assertThat(configuration.getLockAtLeastFor()).isEqualTo(Duration.ofMinutes(1)));
	}

	static class Jobs {

		private final String instance;

		private final List<String> runs;

		Jobs(String instance, List<String> runs) {
			this.instance = instance;
			this.runs = runs;
		}

		// tag::scheduler-lock[]
		@Looping(interval = "1m")
		@SchedulerLock(name = "nightly-report", lockAtMostFor = "10m") // net.javacrumbs.shedlock.spring.annotation
		void report() { // one instance a minute runs it
			this.runs.add("report@" + this.instance);
		}

		@CallLater(delay = "30s")
		@SchedulerLock(lockAtLeastFor = "1m") // no name: the call's, "jobs.warmUp"
		void warmUp() { // once across instances started within a minute
			this.runs.add("warm-up@" + this.instance);
		}
		// end::scheduler-lock[]

	}

}
