package dev.reactortime.autoconfigure.durable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.durable.DurableCalls;
import dev.reactortime.durable.DurableTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auto-configuration on a real PostgreSQL: the bean, @DurableTask handlers, schema modes, meters, bad input. */
class DurableCallsAutoConfigurationTests {

	private static EmbeddedPostgres postgres;

	private static DataSource pool;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
				DurableCallsAutoConfiguration.class))
		.withPropertyValues("reactortime.durable.initialize-schema=always");

	@BeforeAll
	static void startPostgres() {
		postgres = EmbeddedPostgres.start();
		pool = postgres.pool();
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	@Test
	void durableTaskMethodsRunWithTheirPayloadAndAreTimedAsKindDurable() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class, Reminders.class, MetricsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DurableCalls.class);
				DurableCalls calls = context.getBean(DurableCalls.class);
				assertThat(calls.taskNames()).contains("send-reminder");
				calls.callLater("send-reminder", "order-42", Duration.ofMillis(50), new Reminder("ada", 42));
				Reminders reminders = context.getBean(Reminders.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> reminders.sent.size() == 1);
				assertThat(reminders.sent).containsExactly(new Reminder("ada", 42));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
					Timer lag = registry.find("reactortime.call.lag").tags("name", "send-reminder", "kind", "durable")
						.timer();
					assertThat(lag).isNotNull();
					assertThat(lag.count()).isEqualTo(1);
					Timer duration = registry.find("reactortime.call.duration")
						.tags("name", "send-reminder", "kind", "durable", "outcome", "success", "exception", "none")
						.timer();
					assertThat(duration).isNotNull();
					assertThat(duration.count()).isEqualTo(1);
				});
			});
	}

	@Test
	void onVirtualTimeADurableCallRunsWhenTheTestAdvancesTheReactor() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class, Reminders.class)
			.withPropertyValues("reactortime.virtual-time=true", "reactortime.durable.table-name=virtual_calls")
			.run((context) -> {
				DurableCalls calls = context.getBean(DurableCalls.class);
				VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
				Reminders reminders = context.getBean(Reminders.class);
				// tag::durable-virtual-time[]
				calls.callLater("send-reminder", "order-7", Duration.ofHours(24), new Reminder("bob", 7));
				reactor.advance(Duration.ofHours(23));
				assertThat(reminders.sent).isEmpty();
				reactor.advance(Duration.ofHours(1));
				assertThat(reminders.sent).containsExactly(new Reminder("bob", 7));
				// end::durable-virtual-time[]
			});
	}

	@Test
	void backsOffWithoutADataSource() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(DurableCalls.class));
	}

	@Test
	void backsOffWithoutSchedulerDurable() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withClassLoader(new FilteredClassLoader(DurableCalls.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("durableCalls");
			});
	}

	@Test
	void canBeTurnedOff() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("reactortime.durable.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DurableCalls.class));
	}

	@Test
	void schemaIsCreatedPerInitializeSchema() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("reactortime.durable.initialize-schema=never", "reactortime.durable.table-name=never_made")
			.run((context) -> assertThat(postgres.tableExists("never_made")).isFalse());
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("reactortime.durable.initialize-schema=embedded",
					"reactortime.durable.table-name=not_embedded")
			.run((context) -> assertThat(postgres.tableExists("not_embedded")).as("PostgreSQL is not embedded")
				.isFalse());
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("reactortime.durable.initialize-schema=always", "reactortime.durable.table-name=made")
			.run((context) -> assertThat(postgres.tableExists("made")).isTrue());
	}

	@Test
	void aHandlerWithTwoParametersFailsStartupNamingTheMethod() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class, TwoParameters.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidDurableTaskException.class)
				.hasMessageContaining("@DurableTask(\"send\")")
				.hasMessageContaining("TwoParameters#send'")
				.hasMessageContaining("exactly one parameter");
		});
	}

	@Test
	void aDuplicateTaskNameFailsStartupNamingBothMethods() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class, Reminders.class, DuplicateReminders.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidDurableTaskException.class)
					.hasMessageContaining("@DurableTask(\"send-reminder\")")
					.hasMessageContaining("Reminders#send")
					.hasMessageContaining("DuplicateReminders#again");
			});
	}

	@Test
	void aPrimitivePayloadFailsStartup() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class, PrimitivePayload.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidDurableTaskException.class)
				.hasMessageContaining("PrimitivePayload#count'")
				.hasMessageContaining("must not be primitive");
		});
	}

	record Reminder(String user, int order) {
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceConfiguration {

		// Shared by the tests of the class: the context must not close it.
		@Bean(destroyMethod = "")
		DataSource dataSource() {
			return pool;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsConfiguration {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	static class Reminders {

		final List<Reminder> sent = new CopyOnWriteArrayList<>();

		@DurableTask("send-reminder")
		void send(Reminder reminder) {
			this.sent.add(reminder);
		}

	}

	static class DuplicateReminders {

		@DurableTask("send-reminder")
		void again(Reminder reminder) {
		}

	}

	static class TwoParameters {

		@DurableTask("send")
		void send(Reminder reminder, String extra) {
		}

	}

	static class PrimitivePayload {

		@DurableTask("count")
		void count(int value) {
		}

	}

}
