package dev.reactortime.autoconfigure.durable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.durable.DurableCall;
import dev.reactortime.durable.DurableCalls;
import dev.reactortime.durable.DurableTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's durable-calls example, run: a bean that schedules durable calls and handles them (it injects
 * {@code DurableCalls} and declares a {@code @DurableTask}, with no circular dependency), and the README's testing
 * recipe (move the call to now with {@code reset}, then wait for the handler).
 */
class DurableReadmeExampleTests {

	private static EmbeddedPostgres postgres;

	private static DataSource pool;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class,
				DurableCallsAutoConfiguration.class))
		.withPropertyValues("reactortime.durable.initialize-schema=always")
		.withUserConfiguration(Application.class);

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
	void aReminderScheduledForTomorrowIsSentWhenMovedToNow() {
		this.runner.run((context) -> {
			Reminders reminders = context.getBean(Reminders.class);
			RecordingMailer mailer = context.getBean(RecordingMailer.class);
			DurableCall call = reminders.remindLater("order-42", "ada@example.com");
			assertThat(call.getTime()).isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));
			// tag::durable-testing[]
			DurableCall pending = durableCalls(context).find("send-reminder", "order-42").orElseThrow();
			pending.reset(Duration.ZERO);
			await().atMost(Duration.ofSeconds(10)).until(() -> mailer.sent.size() == 1);
			// end::durable-testing[]
			assertThat(mailer.sent).containsExactly(new Reminder("ada@example.com", "Your order order-42 is waiting"));
		});
	}

	private static DurableCalls durableCalls(org.springframework.context.ApplicationContext context) {
		return context.getBean(DurableCalls.class);
	}

	// tag::durable-calls[]
	record Reminder(String email, String text) {
	}

	static class Reminders {

		private final DurableCalls durableCalls;

		private final Mailer mailer;

		Reminders(DurableCalls durableCalls, Mailer mailer) {
			this.durableCalls = durableCalls;
			this.mailer = mailer;
		}

		DurableCall remindLater(String order, String email) {
			return this.durableCalls.callLater("send-reminder", order, Duration.ofHours(24),
					new Reminder(email, "Your order " + order + " is waiting"));
		}

		@DurableTask("send-reminder")
		void send(Reminder reminder) {
			this.mailer.send(reminder.email(), reminder.text());
		}

	}
	// end::durable-calls[]

	interface Mailer {

		void send(String to, String text);

	}

	static class RecordingMailer implements Mailer {

		final List<Reminder> sent = new CopyOnWriteArrayList<>();

		@Override
		public void send(String to, String text) {
			this.sent.add(new Reminder(to, text));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Application {

		@Bean(destroyMethod = "")
		DataSource dataSource() {
			return pool;
		}

		@Bean
		RecordingMailer mailer() {
			return new RecordingMailer();
		}

		@Bean
		Reminders reminders(DurableCalls durableCalls, Mailer mailer) {
			return new Reminders(durableCalls, mailer);
		}

	}

}
